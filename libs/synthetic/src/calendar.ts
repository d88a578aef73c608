const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Days are whole numbers counted from 1 January of the simulated year (negative before it), and
 * moments are epoch milliseconds; clinics work on China time (UTC+8).
 */
export class YearCalendar {
  readonly startUtc: number;
  /** Days in the year: 365 or 366. */
  readonly length: number;
  private readonly cache = new Map<number, string>();

  constructor(readonly year: number) {
    this.startUtc = Date.UTC(year, 0, 1);
    this.length = (Date.UTC(year + 1, 0, 1) - this.startUtc) / DAY_MS;
  }

  /** ISO date (YYYY-MM-DD) of a day. */
  date(day: number): string {
    let iso = this.cache.get(day);
    if (iso === undefined) {
      iso = new Date(this.startUtc + day * DAY_MS).toISOString().slice(0, 10);
      this.cache.set(day, iso);
    }
    return iso;
  }

  /** The day a calendar date falls on; months are 0-based, overflow rolls over as in Date.UTC. */
  dayOf(year: number, month: number, dayOfMonth: number): number {
    return Math.round((Date.UTC(year, month, dayOfMonth) - this.startUtc) / DAY_MS);
  }

  /** The same date one year later, minus one day: the end of a one-year contract starting on `day`. */
  oneYearOn(day: number): number {
    const d = new Date(this.startUtc + day * DAY_MS);
    return this.dayOf(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()) - 1;
  }

  /** Epoch ms of `msIntoDay` after midnight, China time, on a day. */
  at(day: number, msIntoDay: number): number {
    return this.startUtc + day * DAY_MS - CHINA_OFFSET_MS + msIntoDay;
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(day: number): number {
    return new Date(this.startUtc + day * DAY_MS).getUTCDay();
  }

  /** First and last day of quarter q (0–3). */
  quarter(q: number): [number, number] {
    return [this.dayOf(this.year, q * 3, 1), this.dayOf(this.year, q * 3 + 3, 1) - 1];
  }

  quarterOf(day: number): number {
    return Math.min(3, Math.floor(new Date(this.startUtc + day * DAY_MS).getUTCMonth() / 3));
  }
}

export const HOUR_MS = 3_600_000;
