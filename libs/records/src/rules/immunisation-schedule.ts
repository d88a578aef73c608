import { daysFrom, monthAgeDay } from './dates';

/**
 * China's national immunisation programme schedule for children (国家免疫规划疫苗儿童免疫程序表,
 * 2021 edition) and its instructions (说明), as data: the write side refuses a dose given too
 * young or too soon after the one before, the read side re-checks every dose against the same
 * table, and a detector can reuse `doseTimingFault` on the ledger's records.
 *
 * The vaccines by the table's abbreviations. The table numbers a disease's doses across its
 * products: polio IPV 1–2 then bOPV 3–4; meningococcal MPSV-A 1–2 then MPSV-AC 3–4; DT is the
 * fifth dose after DTaP 1–4.
 */
export const VACCINES = [
  'HepB',
  'BCG',
  'IPV',
  'bOPV',
  'DTaP',
  'DT',
  'MPSV-A',
  'MMR',
  'JE-L',
  'MPSV-AC',
  'HepA-L',
] as const;
export type Vaccine = (typeof VACCINES)[number];

/** Each vaccine's name as the certificate prints it. */
export const VACCINE_NAMES: Record<Vaccine, { zh: string; en: string }> = {
  HepB: { zh: '乙肝疫苗', en: 'hepatitis B' },
  BCG: { zh: '卡介苗', en: 'BCG' },
  IPV: { zh: '脊灰灭活疫苗', en: 'inactivated polio' },
  bOPV: { zh: '脊灰减毒活疫苗', en: 'oral polio (bivalent)' },
  DTaP: { zh: '百白破疫苗', en: 'DTaP' },
  DT: { zh: '白破疫苗', en: 'DT' },
  'MPSV-A': { zh: 'A群流脑多糖疫苗', en: 'meningococcal A' },
  MMR: { zh: '麻腮风疫苗', en: 'measles, mumps, rubella' },
  'JE-L': { zh: '乙脑减毒活疫苗', en: 'Japanese encephalitis (live)' },
  'MPSV-AC': { zh: 'A群C群流脑多糖疫苗', en: 'meningococcal A and C' },
  'HepA-L': { zh: '甲肝减毒活疫苗', en: 'hepatitis A (live)' },
};

/** How each vaccine is given (接种途径), as the table states it. */
export const VACCINE_ROUTES: Record<
  Vaccine,
  'intramuscular' | 'intradermal' | 'subcutaneous' | 'oral'
> = {
  HepB: 'intramuscular',
  BCG: 'intradermal',
  IPV: 'intramuscular',
  bOPV: 'oral',
  DTaP: 'intramuscular',
  DT: 'intramuscular',
  'MPSV-A': 'subcutaneous',
  MMR: 'subcutaneous',
  'JE-L': 'subcutaneous',
  'MPSV-AC': 'subcutaneous',
  'HepA-L': 'subcutaneous',
};

export interface ScheduledDose {
  vaccine: Vaccine;
  dose: number;
  /**
   * The age the table names (months; 4 years is 48). The instructions: "免疫程序表所列各疫苗剂次
   * 的接种时间，是指可以接种该剂次疫苗的最小年（月）龄" — it is also the youngest age allowed.
   */
  minAgeMonths: number;
  /**
   * The age by which the dose is due: one month later. "X 月龄" is the month of age after the
   * child reaches X months; a dose given within it is on time, and coverage counts a child as due
   * once that month has passed.
   */
  dueAgeMonths: number;
  /** The dose before it in the disease's series, and the least time since it (instructions). */
  after: { vaccine: Vaccine; dose: number; minDays?: number; minMonths?: number } | null;
}

const row = (
  vaccine: Vaccine,
  dose: number,
  minAgeMonths: number,
  after: ScheduledDose['after'] = null,
): ScheduledDose => ({ vaccine, dose, minAgeMonths, dueAgeMonths: minAgeMonths + 1, after });

/**
 * The table, each dose after the one its interval counts from. Intervals from the instructions:
 * HepB 1–2 ≥ 28 days, 2–3 ≥ 60 days; polio doses ≥ 28 days apart; DTaP 1–2, 2–3 ≥ 28 days,
 * 3–4 ≥ 6 months; MPSV-A 1–2 ≥ 3 months, MPSV-AC 3 ≥ 12 months after MPSV-A 2, MPSV-AC 3–4 ≥ 3
 * years; MMR 1–2 ≥ 28 days. JE-L 1–2: the instructions give the ages only; the general rule of
 * 28 days between live injected vaccines is taken. DT at 6 years has no interval of its own.
 */
export const NIP_SCHEDULE: readonly ScheduledDose[] = [
  row('HepB', 1, 0),
  row('HepB', 2, 1, { vaccine: 'HepB', dose: 1, minDays: 28 }),
  row('HepB', 3, 6, { vaccine: 'HepB', dose: 2, minDays: 60 }),
  row('BCG', 1, 0),
  row('IPV', 1, 2),
  row('IPV', 2, 3, { vaccine: 'IPV', dose: 1, minDays: 28 }),
  row('bOPV', 3, 4, { vaccine: 'IPV', dose: 2, minDays: 28 }),
  row('bOPV', 4, 48, { vaccine: 'bOPV', dose: 3, minDays: 28 }),
  row('DTaP', 1, 3),
  row('DTaP', 2, 4, { vaccine: 'DTaP', dose: 1, minDays: 28 }),
  row('DTaP', 3, 5, { vaccine: 'DTaP', dose: 2, minDays: 28 }),
  row('DTaP', 4, 18, { vaccine: 'DTaP', dose: 3, minMonths: 6 }),
  row('DT', 5, 72),
  row('MPSV-A', 1, 6),
  row('MPSV-A', 2, 9, { vaccine: 'MPSV-A', dose: 1, minMonths: 3 }),
  row('MMR', 1, 8),
  row('MMR', 2, 18, { vaccine: 'MMR', dose: 1, minDays: 28 }),
  row('JE-L', 1, 8),
  row('JE-L', 2, 24, { vaccine: 'JE-L', dose: 1, minDays: 28 }),
  row('MPSV-AC', 3, 36, { vaccine: 'MPSV-A', dose: 2, minMonths: 12 }),
  row('MPSV-AC', 4, 72, { vaccine: 'MPSV-AC', dose: 3, minMonths: 36 }),
  row('HepA-L', 1, 18),
];

/** The oldest a child can be (whole years at a year's end) and still have a dose fall due in it. */
export const LAST_DUE_AGE_YEARS = Math.ceil(
  Math.max(...NIP_SCHEDULE.map((d) => d.dueAgeMonths)) / 12,
);

export const doseKey = (vaccine: string, dose: number): string => `${vaccine} ${dose}`;
const BY_KEY = new Map(NIP_SCHEDULE.map((d) => [doseKey(d.vaccine, d.dose), d]));

/** The table's row for a vaccine and dose number; undefined for a pair the table does not have. */
export const scheduledDose = (vaccine: string, dose: number): ScheduledDose | undefined =>
  BY_KEY.get(doseKey(vaccine, dose));

/** The dose numbers the table gives a vaccine (HepB: 1, 2, 3; bOPV: 3, 4). */
export const dosesOf = (vaccine: string): number[] =>
  NIP_SCHEDULE.filter((d) => d.vaccine === vaccine).map((d) => d.dose);

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day a dose may follow the one before it. */
export function earliestAfter(previousDay: string, after: NonNullable<ScheduledDose['after']>) {
  return after.minMonths !== undefined
    ? monthAgeDay(previousDay, after.minMonths)
    : addDays(previousDay, after.minDays ?? 0);
}

/** Why a dose's day cannot be right, in both languages, with the first day it could have been. */
export interface DoseTimingFault {
  code: 'VACC_DOSE_BEFORE_MIN_AGE' | 'VACC_DOSE_BEFORE_MIN_INTERVAL' | 'VACC_DOSE_OUT_OF_ORDER';
  /** The first day the dose was allowed (none when the previous dose is missing). */
  earliest: string | null;
  zh: string;
  en: string;
}

export interface GivenDose {
  vaccine: string;
  dose: number;
  /** China day it was given. */
  day: string;
}

/**
 * Whether a dose was given too young, too soon after the previous dose of its series, or with no
 * (valid) previous dose; null when its day is right. `previousDoseDay` is the day the previous
 * dose of the series was validly given (null: not given, or the dose is the series' first).
 * Pure, so a detector can judge the ledger's records by the same table.
 */
export function doseTimingFault(
  birthDate: string,
  previousDoseDay: string | null,
  dose: GivenDose,
): DoseTimingFault | null {
  const row = scheduledDose(dose.vaccine, dose.dose);
  if (!row) return null;
  const name = `${dose.vaccine} ${dose.dose}`;
  const minAge = monthAgeDay(birthDate, row.minAgeMonths);
  if (dose.day < minAge)
    return {
      code: 'VACC_DOSE_BEFORE_MIN_AGE',
      earliest: minAge,
      zh: `${name} 接种于 ${dose.day}，早于最小接种月龄日 ${minAge}（${row.minAgeMonths} 月龄）`,
      en: `${name} given on ${dose.day}, before the minimum age of ${row.minAgeMonths} months (${minAge})`,
    };
  if (!row.after) return null;
  const previous = `${row.after.vaccine} ${row.after.dose}`;
  if (previousDoseDay === null)
    return {
      code: 'VACC_DOSE_OUT_OF_ORDER',
      earliest: null,
      zh: `${name} 之前的 ${previous} 未有效接种`,
      en: `${name} given without a valid ${previous} before it`,
    };
  const earliest = earliestAfter(previousDoseDay, row.after);
  if (dose.day < earliest) {
    const gap = row.after.minMonths
      ? { zh: `${row.after.minMonths} 个月`, en: `${row.after.minMonths} months` }
      : { zh: `${row.after.minDays} 天`, en: `${row.after.minDays} days` };
    return {
      code: 'VACC_DOSE_BEFORE_MIN_INTERVAL',
      earliest,
      zh: `${name} 接种于 ${dose.day}，距 ${previous}（${previousDoseDay}）${daysFrom(previousDoseDay, dose.day)} 天，不足最小间隔 ${gap.zh}（最早 ${earliest}）`,
      en: `${name} given on ${dose.day}, ${daysFrom(previousDoseDay, dose.day)} days after ${previous} (${previousDoseDay}): less than the minimum interval of ${gap.en} (earliest ${earliest})`,
    };
  }
  return null;
}

/** The doses judged against the table: the day each was first validly given, and each fault. */
export interface DoseJudgement<T extends GivenDose> {
  /** doseKey → the day of its first valid record. */
  validOn: Map<string, string>;
  faults: Map<T, DoseTimingFault>;
}

/**
 * Judges a child's dose records in the table's order: a dose counts when it was given at the
 * right age and long enough after a valid previous dose of its series. A repeat of a dose given
 * too early (补种) counts from its own day.
 */
export function judgeDoses<T extends GivenDose>(
  birthDate: string,
  doses: readonly T[],
): DoseJudgement<T> {
  const validOn = new Map<string, string>();
  const faults = new Map<T, DoseTimingFault>();
  if (doses.length === 0) return { validOn, faults };
  for (const row of NIP_SCHEDULE) {
    const key = doseKey(row.vaccine, row.dose);
    const given = doses
      .filter((d) => d.vaccine === row.vaccine && d.dose === row.dose)
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const previous = row.after
      ? (validOn.get(doseKey(row.after.vaccine, row.after.dose)) ?? null)
      : null;
    for (const d of given) {
      const fault = doseTimingFault(birthDate, previous, d);
      if (fault) faults.set(d, fault);
      else if (!validOn.has(key)) validOn.set(key, d.day);
    }
  }
  return { validOn, faults };
}

const DUE_DAYS = new Map<string, string[]>();

/**
 * The day each dose of the table falls due for a child born on `birthDate`, in the table's
 * order. Kept per birth date: a district's children share a few thousand of them, and every
 * evaluation asks for each child's.
 */
export function dueDays(birthDate: string): readonly string[] {
  let days = DUE_DAYS.get(birthDate);
  if (!days) {
    if (DUE_DAYS.size > 20_000) DUE_DAYS.clear();
    days = NIP_SCHEDULE.map((d) => monthAgeDay(birthDate, d.dueAgeMonths));
    DUE_DAYS.set(birthDate, days);
  }
  return days;
}
