import { HOUR_MS, type YearCalendar } from './calendar';
import type { Random } from './random';

const MINUTE_MS = 60_000;

/**
 * When the ledger learns of a record: most the same working day, some within a week, the rest in
 * catch-up batches at the end of the quarter (Q4's spilling into January). Never before the day
 * it happened, never after `capMs`.
 */
export class Recorder {
  constructor(
    private readonly cal: YearCalendar,
    private readonly rng: Random,
    readonly capMs: number,
  ) {}

  /** A moment in working hours (08:30–17:30 China time) on a day. */
  workingHours(day: number): number {
    return this.cal.at(day, 8.5 * HOUR_MS + this.rng.int(0, 9 * 60 * 60 - 1) * 1000);
  }

  /** A moment of an evening batch upload (18:00–22:00) on a day. */
  evening(day: number): number {
    return this.cal.at(day, 18 * HOUR_MS + this.rng.int(0, 4 * 60 * 60 - 1) * 1000);
  }

  after(day: number): number {
    const r = this.rng.float();
    let t: number;
    if (r < 0.62) {
      t = this.workingHours(day);
    } else if (r < 0.87) {
      t = this.workingHours(day + this.rng.int(1, 7));
    } else {
      const q = this.cal.quarterOf(day);
      const [, end] = this.cal.quarter(q);
      const spill = q === 3 && this.rng.chance(0.5) ? this.rng.int(1, 15) : 0;
      t = this.evening(Math.max(day, end - this.rng.int(0, 6) + spill));
    }
    return Math.min(t, this.capMs);
  }

  /** At the natural moment, but at least a minute or more after what it depends on. */
  afterAll(natural: number, ...dependencies: number[]): number {
    let t = natural;
    for (const d of dependencies) t = Math.max(t, d + MINUTE_MS + this.rng.int(0, 9) * MINUTE_MS);
    return t;
  }

  /** The China-time day a moment falls on. */
  dayOf(t: number): number {
    return Math.floor((t + 8 * HOUR_MS - this.cal.startUtc) / (24 * HOUR_MS));
  }
}
