import {
  CHILD_TCM_AGES,
  CHILD_UNDER_3_AGES,
  LAST_DUE_AGE_YEARS,
  chinaDay,
  dueDays,
  monthAgeDay,
  pregnancyLapseDay,
} from '@libs/records';
import type { IndicatorDefinition } from '../catalog/indicator-definition';
import type { EventRef } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import type { ResidentModel } from '../model/resident-model';
import { type Contribution, contributionOf } from '../evaluate/contribution';
import type { Period } from '../evaluate/period';
import { residentView } from '../evaluate/resident-view';

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}/;

/** Every day a resident's view can turn on: when facts happened, and dates their records name. */
function daysOf(r: ResidentModel, year: number): string[] {
  const days: string[] = [];
  const refs: EventRef[] = [];
  const datesIn = (data: Record<string, unknown>) => {
    for (const value of Object.values(data))
      if (typeof value === 'string' && DAY_TEXT.test(value)) days.push(chinaDay(value));
  };
  if (r.registered) refs.push(r.registered.ref);
  for (const list of [r.tagChanges, r.reassignments, r.movedOut, r.died])
    for (const f of list) refs.push(f.ref);
  // A young child owes TCM guidance, and a child under 3 a checkup, from the day they reach each
  // month age. (A newborn visit is judged by its own day against its discharge day, both dates of
  // the record, taken below: the 7th day after the discharge is never compared with the period's.)
  const birth = r.registered?.data.birthDate;
  if (typeof birth === 'string' && Number(birth.slice(0, 4)) >= year - 4) {
    for (const m of CHILD_TCM_AGES) days.push(monthAgeDay(birth, m));
    for (const m of CHILD_UNDER_3_AGES) days.push(monthAgeDay(birth, m));
  }
  // A child owes each vaccine dose from its due day.
  if (typeof birth === 'string' && Number(birth.slice(0, 4)) >= year - LAST_DUE_AGE_YEARS - 1)
    days.push(...dueDays(birth));
  // Chronic care and severe mental disorder patients owe one follow-up a quarter.
  let quarterly = false;
  for (const m of r.records.values()) {
    quarterly ||= m.kind === 'enrolment' || m.kind === 'mental_health_registration';
    // A pregnancy with no delivery stops being open at 44 weeks (hasOpenPregnancy turns on it).
    const week = m.created.data.gestationalWeek;
    if (m.kind === 'pregnancy_registration' && typeof week === 'number')
      days.push(pregnancyLapseDay(chinaDay(String(m.created.data.occurredAt)), week));
    refs.push(m.created.ref);
    datesIn(m.created.data);
    for (const c of m.corrections) {
      refs.push(c.ref);
      datesIn(c.data);
    }
    for (const f of [...m.voids, ...m.terminations]) refs.push(f.ref);
    for (const f of m.renewals) {
      refs.push(f.ref);
      days.push(f.data.newEnd);
    }
  }
  for (const ref of refs) days.push(chinaDay(ref.occurredAt));
  // Follow-ups due grow by one each quarter for such a patient.
  if (quarterly) for (const mm of ['01', '04', '07', '10']) days.push(`${year}-${mm}-01`);
  return days;
}

/** Every time a resident's facts became known to the ledger. */
function knownTimes(r: ResidentModel): string[] {
  const times: string[] = [];
  if (r.registered) times.push(r.registered.ref.recordedAt);
  for (const list of [r.tagChanges, r.reassignments, r.movedOut, r.died])
    for (const f of list) times.push(f.ref.recordedAt);
  for (const m of r.records.values())
    for (const f of [m.created, ...m.corrections, ...m.voids, ...m.terminations, ...m.renewals])
      times.push(f.ref.recordedAt);
  return times;
}

/**
 * A resident's contribution at each of a year's checkpoints (ledger time, in order). Between two
 * checkpoints the contribution can change only if one of the resident's facts became known in
 * between, or the day passed a date the resident's facts name (every comparison the rules make
 * is of such a date with the period's day); otherwise the previous one is carried over, which
 * is what makes a year of checkpoints cost a few evaluations per resident, not 36.
 */
export function checkpointTimeline(
  r: ResidentModel,
  indicators: readonly IndicatorDefinition[],
  checkpoints: readonly Period[],
  model?: LedgerModel,
): (Contribution | undefined)[] {
  const out: (Contribution | undefined)[] = [];
  if (!r.registered) return checkpoints.map(() => undefined);
  // A resident sharing an ID number hash with another can turn on the other's facts (whether
  // they duplicate each other, and who came first): viewed at every checkpoint. Few are.
  const shared = !!model && r.identity.length > 0 && model.coHolders(r.residentId).length > 0;
  const days = daysOf(r, checkpoints[0].year);
  const times = knownTimes(r);
  let current: Contribution | undefined;
  checkpoints.forEach((p, k) => {
    const before = checkpoints[k - 1];
    const changed =
      k === 0 ||
      shared ||
      times.some((t) => t > before.asOf! && t <= p.asOf!) ||
      days.some((d) => d >= before.day && d <= p.day);
    if (changed) {
      const v = residentView(r, p, model);
      current = v ? contributionOf(v, indicators, p) : undefined;
    }
    out.push(current);
  });
  return out;
}
