import {
  type DoseJudgement,
  LAST_DUE_AGE_YEARS,
  NIP_SCHEDULE,
  type ScheduledDose,
  type Vaccine,
  doseKey,
  dueDays,
  judgeDoses,
} from '@libs/records';
import type { Cohort, NumeratorRule } from '../catalog/indicator-definition';
import type { EventRef } from '../model/event-ref';
import type { Period } from './period';
import type { LiveRecord, ResidentView } from './resident-view';

/**
 * Vaccination (预防接种) on the read side. A dose counts when the schedule allows its day (age,
 * interval after a valid previous dose): the ledger keeps a migrated dose given too early, and
 * this is where it stops counting.
 */

export type VaccineCohort = `vacc_due:${Vaccine}`;
export type VaccineRule = `vacc_given:${Vaccine}`;
export const isVaccineCohort = (c: Cohort): c is VaccineCohort => c.startsWith('vacc_due:');
export const isVaccineRule = (r: NumeratorRule): r is VaccineRule => r.startsWith('vacc_given:');
export const vaccineOf = (name: VaccineCohort | VaccineRule): Vaccine =>
  name.slice(name.indexOf(':') + 1) as Vaccine;

/**
 * The doses that fell due in the period up to its day (the child passed the dose's due age),
 * optionally of one vaccine. Anyone older than the last due age owes none: asked for every
 * resident of a district, an adult costs one comparison.
 */
export function dosesDue(
  v: Pick<ResidentView, 'age' | 'birthDate'>,
  p: Period,
  vaccine?: Vaccine,
): ScheduledDose[] {
  if (v.age > LAST_DUE_AGE_YEARS || v.age < 0) return [];
  const days = dueDays(v.birthDate);
  return NIP_SCHEDULE.filter(
    (d, i) => (!vaccine || d.vaccine === vaccine) && days[i] >= p.start && days[i] <= p.day,
  );
}

interface LiveDose {
  vaccine: string;
  dose: number;
  day: string;
  record: LiveRecord;
}

const JUDGED = new WeakMap<ResidentView, DoseJudgement<LiveDose>>();

/** The child's dose records judged against the schedule, once per view (many indicators ask). */
function judged(v: ResidentView): DoseJudgement<LiveDose> {
  let j = JUDGED.get(v);
  if (!j) {
    const doses: LiveDose[] = [];
    for (const r of v.records)
      if (r.kind === 'vaccine_dose')
        doses.push({
          vaccine: r.fields.vaccine as string,
          dose: r.fields.dose as number,
          day: r.day,
          record: r,
        });
    j = judgeDoses(v.birthDate, doses);
    JUDGED.set(v, j);
  }
  return j;
}

/**
 * The child's dose records the schedule does not allow on their day (before the minimum age, too
 * soon after the previous dose, or with the previous dose missing): kept from a migration, never
 * counted. For the impossible-sequence detector.
 */
export function doseFaults(
  v: ResidentView,
): { record: LiveRecord; zh: string; en: string; code: string }[] {
  return [...judged(v).faults].map(([d, f]) => ({
    record: d.record,
    zh: f.zh,
    en: f.en,
    code: f.code,
  }));
}

export interface DueVerdict {
  counted: boolean;
  reason?: { en: string; zh: string };
  evidence: EventRef[];
}

/**
 * Whether every dose due (of one vaccine, or all) was validly given by the period's day: the
 * verdict of dueDosesGiven without its evidence and reasons, which a tally never reads. Counting
 * asks it of every child at every view (an as-of read views tens of thousands of residents), and
 * building those texts was a tenth of such a read.
 */
export function dueDosesCounted(v: ResidentView, p: Period, vaccine?: Vaccine): boolean {
  const due = dosesDue(v, p, vaccine);
  if (due.length === 0) return true;
  const { validOn } = judged(v);
  return due.every((d) => validOn.has(doseKey(d.vaccine, d.dose)));
}

/** Every dose due (of one vaccine, or all) validly given by the period's day; else what is not. */
export function dueDosesGiven(v: ResidentView, p: Period, vaccine?: Vaccine): DueVerdict {
  const due = dosesDue(v, p, vaccine);
  const { validOn, faults } = judged(v);
  const evidence: EventRef[] = [];
  const missed: { en: string; zh: string }[] = [];
  for (const d of due) {
    const name = `${d.vaccine} ${d.dose}`;
    const valid = validOn.get(doseKey(d.vaccine, d.dose));
    for (const r of v.records)
      if (
        r.kind === 'vaccine_dose' &&
        r.fields.vaccine === d.vaccine &&
        r.fields.dose === d.dose &&
        (valid === undefined || r.day === valid)
      )
        evidence.push(...r.refs);
    if (valid !== undefined) continue;
    const faulted = [...faults.keys()].filter((x) => x.vaccine === d.vaccine && x.dose === d.dose);
    const fault = faulted.length ? faults.get(faulted[faulted.length - 1]) : undefined;
    missed.push(
      fault
        ? { en: `${name} does not count: ${fault.en}`, zh: `${name} 不计入：${fault.zh}` }
        : { en: `no ${name}`, zh: `未接种 ${name}` },
    );
  }
  return missed.length === 0
    ? { counted: true, evidence }
    : {
        counted: false,
        reason: { en: missed.map((m) => m.en).join('; '), zh: missed.map((m) => m.zh).join('；') },
        evidence,
      };
}

/** A live vaccination certificate on the period's day. */
export const certificateOf = (v: ResidentView): LiveRecord | undefined =>
  v.records.find((r) => r.kind === 'vaccination_certificate');

/**
 * What the national specification requires on every dose record besides vaccine, dose and day
 * (which the ledger always has): lot, manufacturer, site and the vaccinator.
 */
const REQUIRED = [
  { field: 'lotNumber', en: 'lot number', zh: '疫苗批号' },
  { field: 'manufacturer', en: 'manufacturer', zh: '生产企业' },
  { field: 'site', en: 'site', zh: '接种部位' },
  { field: 'doctorId', en: 'vaccinator', zh: '接种者' },
] as const;

export interface RecordVerdict extends DueVerdict {
  recordId: string;
}

/** Each dose record given in the period up to its day: complete, or what it lacks. */
export function doseRecordVerdicts(v: ResidentView, p: Period): RecordVerdict[] {
  const out: RecordVerdict[] = [];
  for (const r of v.records) {
    if (r.kind !== 'vaccine_dose' || r.day < p.start || r.day > p.day) continue;
    const lacking = REQUIRED.filter(({ field }) => {
      const value = r.fields[field];
      return typeof value !== 'string' || value.trim() === '';
    });
    const name = `${String(r.fields.vaccine)} ${String(r.fields.dose)}`;
    out.push(
      lacking.length === 0
        ? { recordId: r.recordId, counted: true, evidence: r.refs }
        : {
            recordId: r.recordId,
            counted: false,
            reason: {
              en: `${name} on ${r.day} lacks the ${lacking.map((x) => x.en).join(', ')}`,
              zh: `${r.day} ${name} 接种记录缺少${lacking.map((x) => x.zh).join('、')}`,
            },
            evidence: r.refs,
          },
    );
  }
  return out;
}
