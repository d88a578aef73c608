/**
 * One copy of each repeated string in the model. Every event read from a store brings its own
 * copies of its type, actor, doctor, unit, sex, dates…, and a district's model keeps 1.2 million
 * events' facts: kept as they come, the same few thousand values fill ~150 MB.
 */
const shared = new Map<string, string>();

export function once(s: string): string {
  const kept = shared.get(s);
  if (kept !== undefined) return kept;
  shared.set(s, s);
  return s;
}

/**
 * The data fields whose values repeat across residents (a few thousand distinct values at most:
 * ids of doctors, units and teams, codes, calendar days). Ids of records, contracts and
 * households are unique, so sharing them would only grow the table.
 */
const REPEATED = [
  'doctorId',
  'unitId',
  'toUnitId',
  'teamId',
  'sex',
  'condition',
  'mode',
  'servicePackage',
  'kind',
  'constitution',
  'reason',
  'destination',
  'start',
  'end',
  'previousEnd',
  'newEnd',
  'birthDate',
] as const;

/**
 * Replaces the repeated string values of an event's data with their shared copies, in place:
 * the values stay equal, so nothing that reads the data can tell, and the event's own copies
 * become garbage at once. The resident's id is the resident's own copy.
 */
export function shareDataStrings(d: Record<string, unknown>, residentId: string): void {
  if (d.residentId === residentId) d.residentId = residentId;
  for (const key of REPEATED) {
    const v = d[key];
    if (typeof v === 'string') d[key] = once(v);
  }
}
