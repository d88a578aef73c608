import type { Contribution } from '../evaluate/contribution';
import type { PeriodResult } from '../evaluate/evaluate-period';
import type { Period } from '../evaluate/period';
import type { TallyBook } from '../evaluate/tally-book';
import type { ResidentChanging } from '../model/ledger-model';
import type { ResidentModel } from '../model/resident-model';
import { ALL_TURNS } from './resident-timeline';

/**
 * Periods whose tallies are kept current together, each in its own book, and how one resident
 * contributes to all of them at once. A group is built by visiting every resident; until it is
 * ready, only the residents already visited are in its books.
 */
export class ViewGroup {
  ready = false;
  /**
   * Results made from the books, by period index, with what they were made at: the log position,
   * or for a settled period (see resultAt) its book's version.
   */
  readonly results = new Map<number, { made: string; result: PeriodResult }>();
  /** How often each book has changed: a settled period's result stays good while this holds. */
  private readonly versions: number[];
  /**
   * Residents taken out of the books since the last read, to be added back as they are now, each
   * with the instant its change became known: only the periods known from then on were taken
   * out (undefined: all of them).
   */
  readonly dirty = new Map<string, string | undefined>();
  /** While building: the residents already in the books. */
  visited: Set<string> | null = new Set();
  /**
   * For checkpoint groups: turning[w] holds the residents whose view may turn within window w of
   * checkpointWindows (before the first checkpoint, between two, after the last), each with their
   * mark there (checkpointMarks: on which of its days). A day inside a
   * window is then the figures at one of its ends plus the difference of those residents alone
   * (LiveFigures.asOf). Empty for groups whose contributions carry no marks.
   */
  readonly turning: Map<string, number>[] = [];
  /**
   * Whether `turning` holds every resident: true once the group was built by visiting them all;
   * a group restored from a save has its books but not these sets, until `retrace` has visited
   * every resident again.
   */
  turnsKnown = false;

  /** One book per period, each over the indicators its period is evaluated for. */
  constructor(
    readonly periods: readonly Period[],
    readonly books: readonly TallyBook[],
    /** With `since`, only the periods known from then on are needed (see affects). */
    private readonly contribute: (r: ResidentModel, since?: string) => Contributions,
    /** Contributions' marks alone, without viewing the resident (for `retrace`). */
    private readonly marksOf?: (r: ResidentModel) => readonly number[],
  ) {
    this.versions = periods.map(() => 0);
  }

  /**
   * The result of period k as of the model's position, made once per position: every subscriber
   * of the live feed and every progress request after an append shares one. A settled period
   * (a checkpoint whose day is over) changes only when its book does: what the ledger learns
   * later is not in it, and its unit activities, units and targets are read as known then. Its
   * result is kept across appends, so a year's progress is not made again, 36 checkpoints at a
   * time, after every write of the day or every checkpoint the API itself appends.
   */
  resultAt(k: number, position: number, make: () => PeriodResult, settled = false): PeriodResult {
    const made = settled ? `v${this.versions[k]}` : `p${position}`;
    const hit = this.results.get(k);
    if (hit?.made === made) return hit.result;
    const result = make();
    this.results.set(k, { made, result });
    return result;
  }

  /**
   * Whether an event can change a view of this group: one known to the ledger after every
   * period's asOf is in none of them (a live append never changes a past checkpoint).
   */
  affectedBy(change: ResidentChanging): boolean {
    if (change.replaces) return true;
    return this.periods.some((p) => p.asOf === null || change.event.recordedAt <= p.asOf);
  }

  /** Whether a change known at `since` can move period k's view (undefined: any period). */
  affects(k: number, since: string | undefined): boolean {
    const asOf = this.periods[k].asOf;
    return since === undefined || asOf === null || asOf >= since;
  }

  /** Whether the resident is counted in the books now. */
  holds(residentId: string): boolean {
    return this.ready || (this.visited?.has(residentId) ?? false);
  }

  /**
   * Adds (or takes out) the resident's contributions, to every period or, with `since`, to those
   * a change known then can move: the others keep what they hold, which is still right. With
   * `until` too, only to those a change known at `until` cannot move (taken out already).
   */
  add(r: ResidentModel, sign: 1 | -1, since?: string, until?: string): void {
    const { contributions, marks } = this.contribute(r, since);
    const wanted = (k: number) =>
      this.affects(k, since) && (until === undefined || !this.affects(k, until));
    contributions.forEach((c, k) => {
      if (!c || !wanted(k)) return;
      this.books[k].add(c, sign);
      this.versions[k] += 1;
    });
    // Taken out as they were, put back as they are: the sets follow the resident's facts.
    marks?.forEach((mark, w) => {
      if (!mark) return;
      const last = w === marks.length - 1;
      if (last ? until !== undefined : !wanted(w)) return;
      if (sign > 0) this.windowSet(w).set(r.residentId, mark);
      else this.turning[w]?.delete(r.residentId);
    });
  }

  /**
   * Puts a resident in the turning sets their facts call for. Only puts in: a restored group's
   * sets hold no one but residents changed since the restore, whom `add` placed by the same
   * facts. Asking every set to drop every resident it did not hold was 13 s of a district's
   * restart (17 million look-ups that miss), and a resident left in a set only costs a view.
   */
  retrace(r: ResidentModel): void {
    this.marksOf?.(r).forEach((mark, w) => {
      if (mark) this.windowSet(w).set(r.residentId, mark);
    });
  }

  /** Puts a resident among those who may turn in window w, whatever their marks said. */
  markTurning(w: number, residentId: string): void {
    this.windowSet(w).set(residentId, ALL_TURNS);
  }

  private windowSet(w: number): Map<string, number> {
    return (this.turning[w] ??= new Map<string, number>());
  }
}

/** How one resident counts in each period of a group, and (for checkpoints) where they may turn. */
export interface Contributions {
  contributions: (Contribution | undefined)[];
  marks?: readonly number[];
}
