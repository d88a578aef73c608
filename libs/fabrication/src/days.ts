/** Calendar days as the detectors count them: China days, as numbers for arithmetic, memoised. */

export const inPeriod = (day: string, period: number): boolean =>
  day.length >= 4 && Number(day.slice(0, 4)) === period;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const dayNumbers = new Map<string, number>();
/** Days since 1970-01-01 of a YYYY-MM-DD day (memoised: a log has a few thousand distinct days). */
export function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
    if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  }
  return n;
}
/** The China day (UTC+8) of an ISO date or instant, as a day number. */
export function chinaDayNumber(iso: string): number {
  if (iso.length === 10) return dayNumber(iso);
  return Math.floor((Date.parse(iso) + CHINA_OFFSET_MS) / DAY_MS);
}
const dayStrings = new Map<number, string>();
/** chinaDay without building a Date for plain dates. */
export function fastChinaDay(iso: string): string {
  if (iso.length === 10) return iso;
  const n = chinaDayNumber(iso);
  let s = dayStrings.get(n);
  if (s === undefined) dayStrings.set(n, (s = dayFromNumber(n)));
  return s;
}
export const dayFromNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
