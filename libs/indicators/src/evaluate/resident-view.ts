import { ageOn, chinaDay } from '@libs/records';
import { type EventRef, knownBy } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import type {
  RecordKind,
  RecordModel,
  RegisteredHealthRecord,
  ResidentModel,
} from '../model/resident-model';
import type { Period } from './period';

/** A service record as known at asOf, corrections applied, voided ones dropped. */
export interface LiveRecord {
  recordId: string;
  kind: RecordKind;
  day: string;
  fields: Record<string, unknown>;
  /** The events that make this record what it is: creation, corrections, renewals. */
  refs: EventRef[];
  /** Contracts only. */
  end?: string;
  terminatedOn?: string | null;
}

export interface ResidentView {
  residentId: string;
  birthDate: string;
  /** Age reached by 31 December of the period's year (computed once: it is asked for often). */
  age: number;
  unitId: string;
  tags: Set<string>;
  /** A permanent resident on the period's day: registered, alive and not moved away. */
  present: boolean;
  records: LiveRecord[];
  refs: EventRef[];
  /** The health record stated at registration, with the registration as its evidence. */
  registeredHealthRecord: { record: RegisteredHealthRecord; ref: EventRef } | null;
  /**
   * A second registration of one person (重复建档): the resident registered first with the same
   * idNumberHash, alive and here on the period's day. The EHR indicators count the person once,
   * under that resident; null when this resident is the one counted, or no model was given.
   */
  duplicateOf: string | null;
}

function liveRecord(
  m: RecordModel,
  known: ReturnType<typeof knownBy>,
  day: string,
): LiveRecord | undefined {
  if (!known(m.created) || (m.voids.length > 0 && m.voids.some(known))) return undefined;
  // Most records are never corrected: they keep their created fields (read-only here) and
  // skip the copy, which matters when every resident of a district is viewed per evaluation.
  const corrections = m.corrections.length > 0 ? m.corrections.filter(known) : [];
  const fields = corrections.length
    ? corrections.reduce((f, c) => ({ ...f, ...c.data }), { ...m.created.data })
    : m.created.data;
  const recordDay = chinaDay(fields.occurredAt as string);
  if (recordDay > day) return undefined;
  if (m.kind !== 'contract')
    return {
      recordId: m.recordId,
      kind: m.kind,
      day: recordDay,
      fields,
      refs: corrections.length
        ? [m.created.ref, ...corrections.map((c) => c.ref)]
        : [m.created.ref],
    };
  const renewals = m.renewals.filter(known).filter((r) => chinaDay(r.ref.occurredAt) <= day);
  const termination = m.terminations.filter(known).find((t) => chinaDay(t.ref.occurredAt) <= day);
  return {
    recordId: m.recordId,
    kind: m.kind,
    day: recordDay,
    fields,
    refs: [m.created.ref, ...corrections.map((c) => c.ref), ...renewals.map((r) => r.ref)],
    end: renewals.length ? renewals[renewals.length - 1].data.newEnd : (fields.end as string),
    terminatedOn: termination ? chinaDay(termination.ref.occurredAt) : null,
  };
}

/** The idNumberHash a resident held on the period's day as known at asOf (identity events in order). */
export function idNumberHashOn(r: ResidentModel, period: Period): string | null {
  const known = knownBy(period.asOf, period.asOfBasis);
  let hash: string | null = null;
  for (const f of r.identity)
    if (known(f) && chinaDay(f.ref.occurredAt) <= period.day) hash = f.data.idNumberHash;
  return hash;
}

/**
 * The resident this one duplicates on the period's day: of the residents present then with the
 * same hash, the one registered first (occurredAt, then the lower id). A duplicate registered
 * after asOf, or a hash corrected or erased away, matches nothing.
 */
function duplicateOf(model: LedgerModel, r: ResidentModel, period: Period): string | null {
  const hash = idNumberHashOn(r, period);
  const holders = hash ? model.idHolders.get(hash) : undefined;
  if (!hash || !holders || holders.size < 2) return null;
  const key = (m: ResidentModel) => [m.registered!.ref.occurredAt, m.residentId] as const;
  let first = key(r);
  for (const id of holders) {
    const other = model.residents.get(id);
    if (id === r.residentId || !other) continue;
    // Viewed without the model: whether the other is itself a duplicate does not matter here.
    const view = residentView(other, period);
    if (!view?.present || idNumberHashOn(other, period) !== hash) continue;
    const k = key(other);
    if (k[0] < first[0] || (k[0] === first[0] && k[1] < first[1])) first = k;
  }
  return first[1] === r.residentId ? null : first[1];
}

/**
 * The resident as the ledger knew them at asOf, on the period's day; undefined if unknown then.
 * With the model, it also says whether the resident is a second registration of one person.
 */
export function residentView(
  r: ResidentModel,
  period: Period,
  model?: LedgerModel,
): ResidentView | undefined {
  const known = knownBy(period.asOf, period.asOfBasis);
  const reg = r.registered;
  if (!reg || !known(reg) || chinaDay(reg.ref.occurredAt) > period.day) return undefined;
  // Only an event appended past the deciders can lack a birth date; such a resident counts nowhere.
  if (typeof reg.data.birthDate !== 'string') return undefined;
  const effective = <T extends { ref: EventRef }>(list: T[]) =>
    list.length === 0
      ? list
      : list.filter(known).filter((f) => chinaDay(f.ref.occurredAt) <= period.day);
  const tags = new Set(reg.data.tags);
  for (const change of effective(r.tagChanges)) {
    change.data.removed.forEach((t) => tags.delete(t));
    change.data.added.forEach((t) => tags.add(t));
  }
  const moves = effective(r.reassignments);
  const gone = [...effective(r.died), ...effective(r.movedOut)].filter(
    (f) => chinaDay(f.ref.occurredAt) < period.day,
  );
  const records: LiveRecord[] = [];
  for (const m of r.records.values()) {
    const live = liveRecord(m, known, period.day);
    if (live) records.push(live);
  }
  return {
    residentId: r.residentId,
    birthDate: reg.data.birthDate,
    age: ageOn(reg.data.birthDate, `${period.year}-12-31`),
    unitId: moves.length ? moves[moves.length - 1].data.toUnitId : reg.data.unitId,
    tags,
    present: gone.length === 0,
    records,
    refs: [reg.ref, ...effective(r.tagChanges).map((f) => f.ref), ...moves.map((f) => f.ref)],
    registeredHealthRecord: reg.data.healthRecord
      ? { record: reg.data.healthRecord, ref: reg.ref }
      : null,
    duplicateOf:
      model && r.identity.length > 0 && gone.length === 0 ? duplicateOf(model, r, period) : null,
  };
}
