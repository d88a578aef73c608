import { daysFrom, monthAgeDay } from './dates';

/**
 * When a child's health services are due (0–6岁儿童健康管理, national specification, 3rd edition).
 * Shared by the deciders, which refuse a record outside these limits, and the indicators, which
 * do not count a migrated record the deciders had to keep although its dates cannot be.
 */

/** A newborn is visited at home within 7 days of leaving hospital (出院后 1 周内). */
export const NEWBORN_VISIT_DAYS = 7;

/**
 * A home visit more than 28 days after discharge is not the newborn visit: the neonatal period is
 * over and the child is due for the full-month checkup (满月健康管理) instead.
 */
export const NEWBORN_VISIT_LATEST = 28;

/** Dates of a newborn visit that cannot all be true. */
export type NewbornVisitFault =
  'discharged_before_birth' | 'visit_before_birth' | 'visit_before_discharge';

/**
 * Whether a newborn visit's dates are an impossible sequence (days as YYYY-MM-DD): a discharge
 * before the birth, a visit before the birth or before the discharge. Null when they can be true.
 */
export function newbornVisitFault(
  birthDate: string,
  dischargedOn: string,
  visitDay: string,
): NewbornVisitFault | null {
  if (visitDay < birthDate) return 'visit_before_birth';
  if (dischargedOn < birthDate) return 'discharged_before_birth';
  if (visitDay < dischargedOn) return 'visit_before_discharge';
  return null;
}

/** Which day after discharge the visit was on: 0 the day itself, 7 the last day that counts. */
export const newbornVisitDay = (dischargedOn: string, visitDay: string): number =>
  daysFrom(dischargedOn, visitDay);

/** Whether a child checkup's day is an impossible sequence: before the child was born. */
export const childCheckupFault = (birthDate: string, day: string): 'checkup_before_birth' | null =>
  day < birthDate ? 'checkup_before_birth' : null;

/**
 * How far from the month-age day a checkup counts as that age's. The specification fixes the
 * ages, not a tolerance; practice (and provincial guidance) books infants within a fortnight of
 * the age, toddlers at the half-year and the yearly checkups in the months around the birthday.
 * The windows are chosen so that no two ages' windows overlap:
 *  - 1, 3, 6, 8 months: from 15 days before to 30 days after (6 months + 30 days is before
 *    8 months − 15 days);
 *  - 12 to 36 months: from 30 days before to 60 days after, the window of a child's TCM guidance,
 *    which is given at these checkups (CHILD_TCM_WINDOW);
 *  - 4, 5, 6 years: from 90 days before to 90 days after.
 */
export function childCheckupWindow(ageMonths: number): { daysBefore: number; daysAfter: number } {
  if (ageMonths < 12) return { daysBefore: 15, daysAfter: 30 };
  if (ageMonths <= 36) return { daysBefore: 30, daysAfter: 60 };
  return { daysBefore: 90, daysAfter: 90 };
}

/**
 * Where a checkup day falls against its age's window: 0 inside it, otherwise the days before
 * (negative) or after (positive) it. The month-age day is returned for the refusal's words.
 */
export function childCheckupTiming(
  birthDate: string,
  ageMonths: number,
  day: string,
): { dueOn: string; outside: number } {
  const dueOn = monthAgeDay(birthDate, ageMonths);
  const off = daysFrom(dueOn, day);
  const w = childCheckupWindow(ageMonths);
  const outside =
    off < -w.daysBefore ? off + w.daysBefore : off > w.daysAfter ? off - w.daysAfter : 0;
  return { dueOn, outside };
}
