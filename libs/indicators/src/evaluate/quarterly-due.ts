import type { Period } from './period';

export const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

/**
 * Follow-ups due by the period's day at one a quarter, from the quarter a patient came under
 * care (or the year's first) to the quarter of the day: chronic care and severe mental disorders
 * count them alike, so a mid-year patient owes proportionally fewer and a progress check in June
 * asks for two.
 */
export function quarterlyDue(sinceDay: string, p: Period): number {
  const from = sinceDay < p.start ? 1 : quarterOf(sinceDay);
  return Math.max(0, quarterOf(p.day) - from + 1);
}
