import {
  type IndicatorCatalog,
  type IndicatorDefinition,
  isUnitIndicator,
} from '../catalog/indicator-definition';
import {
  type LineageEntry,
  type LineagePage,
  lineage as lineageOf,
  lineageEntries,
} from '../evaluate/lineage';
import { UnitTree } from '../evaluate/unit-tree';
import { type Contribution, contributionOf } from '../evaluate/contribution';
import {
  type PeriodResult,
  ratesOf,
  relativeIndicators,
  type PeriodFrame,
  periodFrameOf,
  resultOf,
  unitRowsOf,
} from '../evaluate/evaluate-period';
import { asOfInstant, type Period, periodOf } from '../evaluate/period';
import { residentView } from '../evaluate/resident-view';
import { type SavedBook, TallyBook } from '../evaluate/tally-book';
import { knownBy } from '../model/event-ref';
import type { LedgerModel, ModelFrame, ResidentChanging } from '../model/ledger-model';
import type { ResidentModel } from '../model/resident-model';
import { checkpointDays } from './checkpoint-days';
import {
  END_OF_TIME,
  type TurnWindow,
  checkpointMarks,
  checkpointWindows,
  dayInWindow,
  turnsBetween,
  checkpointTimeline,
  turnsIn,
  yearStartInstant,
} from './resident-timeline';
import { ViewGroup } from './view-group';

/** One kept year as saved: its books as plain arrays, with the catalog they were made for. */
export interface SavedYear {
  year: number;
  catalog: { id: string; version: number };
  day: string;
  current: SavedBook[];
  checkpoints: SavedBook[];
}

/** Kept figures as saved at a log position, with the model's frame (units and targets) there. */
export interface SavedFigures {
  position: number;
  frame: ModelFrame;
  years: SavedYear[];
}

/** One year's kept views: its current figures (and the year before, for relative targets) and its checkpoints. */
interface YearViews {
  catalog: IndicatorCatalog;
  /** The China day the current view was built for (it moves with the calendar in the current year). */
  day: string;
  current: ViewGroup;
  /**
   * The checkpoints' books, then (when the catalog has relative targets) as many books of the
   * year before as known at each checkpoint, over the relative indicators only.
   */
  checkpoints: ViewGroup;
  /** How many checkpoints: the group's first `points` periods. */
  points: number;
}

const single =
  (model: LedgerModel, indicators: IndicatorCatalog['indicators'], period: Period) =>
  (r: ResidentModel) => {
    const v = residentView(r, period, model);
    return v ? contributionOf(v, indicators, period) : undefined;
  };

/** How many residents of a window are asked which way they turn, to choose the end. */
const SIDE_SAMPLE = 1_000;

/** Kept books at one end of the window an as-of instant falls in, and the window up to it. */
interface End {
  book: TallyBook;
  period: Period;
  /** The year before, over the relative indicators, as known at this end. */
  before?: TallyBook;
  beforePeriod?: Period;
  window: TurnWindow;
}

/** A resident's contribution moved in a book from what it was to what it is. */
function moveTo(book: TallyBook, from: Contribution | undefined, to: Contribution | undefined) {
  if (from) book.add(from, -1);
  if (to) book.add(to, 1);
}

/**
 * The figures a district asks for most — the current rates of a year and its 10-day checkpoints
 * as known then — kept as running tallies instead of evaluated over every resident per request.
 * The model tells this class before it changes a resident: the resident is taken out of every
 * tally as they were, and added back as they are at the next read (`flush`). So an append costs
 * a few evaluations of one resident, and a read costs a roll-up of a few hundred units. The
 * figures are the same as `evaluatePeriod`'s (a spec holds them equal, checkpoint by checkpoint).
 *
 * Building a year visits every resident in slices, yielding between them, so the event loop is
 * never held for long; until a year is ready its reads return undefined and the caller evaluates.
 */
export class LiveFigures {
  private readonly years = new Map<number, YearViews>();
  /** Checkpoint frames by period (see frameOf); a period dropped with its year goes with it. */
  private readonly frames = new WeakMap<
    Period,
    { seen: number; restores: number; catalog: IndicatorCatalog; frame: PeriodFrame }
  >();
  private building: Promise<void> = Promise.resolve();
  private sortedIds: string[] = [];
  /**
   * Restored from a save at this log position: the books already hold every event up to it,
   * so while the model is read again those events must not be taken out or added twice, and
   * nothing that visits every resident may run before the model has passed it.
   */
  private restoredAt = 0;
  private resolvePassed: () => void = () => undefined;

  constructor(
    private readonly model: LedgerModel,
    private readonly catalogFor: (year: number) => IndicatorCatalog | undefined,
    private readonly today: () => string,
    private readonly sliceSize = 2_000,
    /** A slice also ends after this many milliseconds, so requests wait at most about this long. */
    private readonly sliceMs = Number.POSITIVE_INFINITY,
  ) {
    model.onResidentChanging = (change) => {
      if (change.event.position > this.restoredAt) this.changing(change);
    };
  }

  /** Whether the books are ahead of the model: restored, with the model still being read up to them. */
  get warming(): boolean {
    return this.model.position < this.restoredAt;
  }

  /** The log position the kept figures stand at. */
  get position(): number {
    return Math.max(this.model.position, this.restoredAt);
  }

  /** Called as the model follows the log, so work waiting for a restored position can start. */
  followed(): void {
    if (!this.warming) this.resolvePassed();
  }

  /** The ready years' books and the model's frame, to be saved (see restore). */
  save(): SavedFigures | undefined {
    if (this.warming) return undefined;
    this.flush();
    const years: SavedYear[] = [];
    for (const [year, v] of this.years) {
      if (!v.current.ready || !v.checkpoints.ready) continue;
      years.push({
        year,
        catalog: { id: v.catalog.id, version: v.catalog.version },
        day: v.day,
        current: v.current.books.map((b) => b.save()),
        checkpoints: v.checkpoints.books.map((b) => b.save()),
      });
    }
    return { position: this.model.position, frame: this.model.frame(), years };
  }

  /**
   * Takes saved figures into an empty model and this empty keeper: their years are ready at
   * once, at the saved position, while the model reads the log again behind them. A year whose
   * catalog changed since is left out (it is built again once the model has caught up).
   */
  restore(saved: SavedFigures): void {
    this.model.restoreFrame(saved.frame);
    this.restoredAt = saved.position;
    // Builds wait until the model has passed the save (see followed).
    this.building = new Promise<void>((resolve) => (this.resolvePassed = resolve));
    for (const y of saved.years) {
      const catalog = this.catalogFor(y.year);
      if (!catalog || catalog.id !== y.catalog.id || catalog.version !== y.catalog.version)
        continue;
      const current = this.currentGroup(catalog, y.year, y.day);
      const { group: checkpoints, points } = this.checkpointGroup(catalog, y.year);
      // Books of another shape (another catalog under the same version): the year is built anew.
      if (
        y.current.length !== current.books.length ||
        y.checkpoints.length !== checkpoints.books.length
      )
        continue;
      for (const [group, books] of [
        [current, y.current],
        [checkpoints, y.checkpoints],
      ] as const) {
        group.books.forEach((b, k) => b.load(books[k]));
        group.ready = true;
        group.visited = null;
      }
      this.years.set(y.year, { catalog, day: y.day, current, checkpoints, points });
      // The turning sets are not saved (they name residents): found again once the model has
      // passed the save; until then a past day is evaluated (asOf answers undefined).
      const views = this.years.get(y.year)!;
      this.building = this.building.then(async () => {
        await this.retrace(checkpoints);
        await this.frameCheckpoints(views);
      });
    }
  }

  /** Starts keeping a year (if not already) and resolves once its figures are ready. */
  keep(year: number): Promise<void> {
    if (this.years.has(year)) return this.building;
    const catalog = this.catalogFor(year);
    if (!catalog) return this.building;
    const { group: checkpoints, points } = this.checkpointGroup(catalog, year);
    const views: YearViews = {
      catalog,
      day: '',
      current: this.currentGroup(catalog, year),
      checkpoints,
      points,
    };
    views.day = views.current.periods[0].day;
    this.years.set(year, views);
    this.building = this.building.then(async () => {
      await this.fill(views.current);
      await this.fill(views.checkpoints);
      await this.frameCheckpoints(views);
    });
    return this.building;
  }

  /** The years kept, and of those the ones whose figures are all ready. */
  status(): { kept: number[]; ready: number[]; restoredAt: number; warming: boolean } {
    const kept = [...this.years.keys()].sort((a, b) => a - b);
    return {
      kept,
      restoredAt: this.restoredAt,
      warming: this.warming,
      ready: kept.filter(
        (y) => this.years.get(y)!.current.ready && this.years.get(y)!.checkpoints.ready,
      ),
    };
  }

  /** The current figures of a year, or undefined while they are being built. */
  current(year: number): PeriodResult | undefined {
    const views = this.readyYear(year, 'current');
    if (!views) return undefined;
    const group = views.current;
    return group.resultAt(0, this.position, () => {
      const [now, before] = group.books;
      const previous = before
        ? ratesOf(
            resultOf(
              this.model,
              relativeIndicators(views.catalog),
              group.periods[1],
              before,
              undefined,
              this.position,
            ),
          )
        : undefined;
      return resultOf(this.model, views.catalog, group.periods[0], now, previous, this.position);
    });
  }

  /** The figures of a year as the ledger knew them at the end of a checkpoint day, if kept and ready. */
  atCheckpoint(year: number, day: string): PeriodResult | undefined {
    const views = this.readyYear(year, 'checkpoints');
    const k =
      views?.checkpoints.periods.slice(0, views.points).findIndex((p) => p.day === day) ?? -1;
    if (!views || k < 0) return undefined;
    const group = views.checkpoints;
    return group.resultAt(
      k,
      this.position,
      () =>
        resultOf(
          this.model,
          views.catalog,
          group.periods[k],
          group.books[k],
          undefined,
          this.position,
        ),
      group.periods[k].asOf !== null && group.periods[k].day < this.today(),
    );
  }

  /**
   * The figures of a year as the ledger knew them at an instant (ledger time), made from kept
   * books instead of evaluating every resident: the books at one end of the window the instant
   * falls in (the checkpoint before it, the one after it, or after the last checkpoint the
   * current figures), plus, for the residents whose view may turn between that end and the
   * instant (a few thousand of a district's half million, see ViewGroup.turning), their view at
   * the instant less their view at that end. Of the two ends, the one fewer residents turn
   * towards. The same figures as `evaluatePeriod` (a spec holds them equal, day by day).
   * Undefined when the year is not kept and ready, or for an instant before the year began;
   * the caller evaluates then.
   */
  asOf(year: number, instant: string): PeriodResult | undefined {
    const views = this.readyYear(year, 'checkpoints');
    if (!views?.checkpoints.turnsKnown) return undefined;
    const asOf = new Date(instant).toISOString();
    if (asOf <= yearStartInstant(year)) return undefined;
    const group = views.checkpoints;
    const n = views.points;
    const periods = group.periods.slice(0, n);
    // The window the instant falls in: w before checkpoint w, n after the last.
    let w = periods.findIndex((p) => asOf <= p.asOf!);
    if (w >= 0 && asOf === periods[w].asOf) return this.atCheckpointWithTargets(views, w);
    if (w < 0) w = n;
    const at = periodOf(year, asOf, this.today());
    const hasBefore = group.books.length > n;
    const ends: End[] = [];
    const checkpointEnd = (j: number, window: TurnWindow): End => ({
      book: group.books[j],
      period: periods[j],
      ...(hasBefore ? { before: group.books[n + j], beforePeriod: group.periods[n + j] } : {}),
      window,
    });
    if (w > 0)
      ends.push(
        checkpointEnd(w - 1, {
          afterAsOf: periods[w - 1].asOf!,
          untilAsOf: asOf,
          fromDay: periods[w - 1].day,
          toDay: at.day,
        }),
      );
    if (w < n)
      ends.push(
        checkpointEnd(w, {
          afterAsOf: asOf,
          untilAsOf: periods[w].asOf!,
          fromDay: at.day,
          toDay: periods[w].day,
        }),
      );
    else {
      // After the last checkpoint, the current figures are the other end once the year is over
      // (their day is the year's last, as the instant's is): only what became known since moves.
      const current = this.readyYear(year, 'current')?.current;
      if (current && current.periods[0].day === at.day)
        ends.push({
          book: current.books[0],
          period: current.periods[0],
          ...(hasBefore ? { before: current.books[1], beforePeriod: current.periods[1] } : {}),
          window: { afterAsOf: asOf, untilAsOf: END_OF_TIME, fromDay: at.day, toDay: at.day },
        });
    }
    const turning: { r: ResidentModel; mark: number }[] = [];
    for (const [id, mark] of group.turning[w] ?? []) {
      const r = this.model.residents.get(id);
      if (r) turning.push({ r, mark });
    }
    // Inside a checkpoint window the marks say on which of its days each resident may turn: the
    // stretch from the checkpoint before to the day, or from the day to the checkpoint after.
    // After the last checkpoint (a window to now) each resident's facts are asked.
    const place = w < n ? dayInWindow(checkpointWindows(periods), w, at.day) : undefined;
    // From a day's last instant forward, what was learnt that day is known at both ends. On the
    // first day of the year that is every resident registered on it (a district that went live
    // then): all of them were viewed twice, 16 seconds for a district read as of 1 January.
    const learntAfter = place !== undefined && asOf === asOfInstant(at.day) ? place + 1 : place;
    const turnOf = (end: End) =>
      place === undefined
        ? ({ r }: { r: ResidentModel }) => turnsIn(r, year, [end.window], this.model)[0]
        : end === ends[0] && w > 0
          ? ({ mark }: { mark: number }) => turnsBetween(mark, 0, place)
          : ({ mark }: { mark: number }) => turnsBetween(mark, place, 15, learntAfter);
    // The end fewer of them turn towards: counted from the marks, or judged on a sample where the
    // facts must be asked (asking every resident about both ends cost as much as viewing them).
    const stride = place === undefined ? Math.max(1, Math.ceil(turning.length / SIDE_SAMPLE)) : 1;
    const turningTowards = (end: End) => {
      const turn = turnOf(end);
      let count = 0;
      for (let i = 0; i < turning.length; i += stride) if (turn(turning[i]).view) count += 1;
      return count;
    };
    const end =
      ends.length > 1 && turningTowards(ends[1]) < turningTowards(ends[0]) ? ends[1] : ends[0];
    const turn = turnOf(end);
    const relative = relativeIndicators(views.catalog);
    const beforeAt = periodOf(year - 1, asOf, at.day);
    const book = end.book.copy();
    const before = end.before?.copy();
    const own = single(this.model, views.catalog.indicators, at);
    const ownThen = single(this.model, views.catalog.indicators, end.period);
    const rel = single(this.model, relative.indicators, beforeAt);
    const relThen = end.beforePeriod && single(this.model, relative.indicators, end.beforePeriod);
    for (const t of turning) {
      const { view, known } = turn(t);
      if (view) moveTo(book, ownThen(t.r), own(t.r));
      // The year before has its day fixed (its last): only facts learnt in the window move it.
      if (before && relThen && known) moveTo(before, relThen(t.r), rel(t.r));
    }
    const previous = before
      ? ratesOf(resultOf(this.model, relative, beforeAt, before, undefined, this.position))
      : undefined;
    return resultOf(this.model, views.catalog, at, book, previous, this.position);
  }

  /** A checkpoint's figures with its relative targets, as evaluatePeriod gives them. */
  private atCheckpointWithTargets(views: YearViews, k: number): PeriodResult {
    const group = views.checkpoints;
    const hasBefore = group.books.length > views.points;
    const relative = relativeIndicators(views.catalog);
    const previous = hasBefore
      ? ratesOf(
          resultOf(
            this.model,
            relative,
            group.periods[views.points + k],
            group.books[views.points + k],
            undefined,
            this.position,
          ),
        )
      : undefined;
    return resultOf(
      this.model,
      views.catalog,
      group.periods[k],
      group.books[k],
      previous,
      this.position,
    );
  }

  /**
   * Rates at every checkpoint of a year up to today, for one unit: the figures as the ledger
   * knew them at the end of each checkpoint day. Undefined while the year is being built.
   */
  progress(
    year: number,
    unitId: string,
    indicatorIds: readonly string[],
  ): { day: string; rates: Record<string, number | null> }[] | undefined {
    const views = this.readyYear(year, 'checkpoints');
    if (!views) return undefined;
    const today = this.today();
    const group = views.checkpoints;
    // The unit's own roll-up at each checkpoint: rates need no relative targets, and rolling up
    // every unit, team and doctor 36 times for one unit's line cost seconds at district scale.
    return group.periods
      .slice(0, views.points)
      .map((period, k) => ({ period, book: group.books[k] }))
      .filter(({ period }) => period.day <= today)
      .map(({ period, book }) => {
        const frame = this.frameOf(views.catalog, period);
        const rows = unitRowsOf(frame, views.catalog, book, unitId).filter((r) =>
          indicatorIds.includes(r.indicatorId),
        );
        return {
          day: period.day,
          rates: Object.fromEntries(rows.map((r) => [r.indicatorId, r.rate])),
        };
      });
  }

  /**
   * A checkpoint's frame, worked out again only when units, targets or activities it knows of
   * changed: one recorded after the checkpoint's instant is not in its view.
   */
  private frameOf(catalog: IndicatorCatalog, period: Period): PeriodFrame {
    const changes = this.model.frameChanges;
    const hit = this.frames.get(period);
    if (hit?.catalog === catalog && hit.restores === this.model.frameRestores) {
      const known = knownBy(period.asOf, period.asOfBasis);
      let i = hit.seen;
      while (i < changes.length && !known({ ref: changes[i] })) i += 1;
      if (i === changes.length) {
        hit.seen = i;
        return hit.frame;
      }
    }
    const frame = periodFrameOf(this.model, catalog, period);
    this.frames.set(period, {
      seen: changes.length,
      restores: this.model.frameRestores,
      catalog,
      frame,
    });
    return frame;
  }

  /**
   * Works out the frames of a year's checkpoints up to today, one per turn of the event loop,
   * once its books are built: the first progress asked then reads 36 frames instead of making
   * them (about 10 ms each for a district, most of it the units' own figures).
   */
  private async frameCheckpoints(views: YearViews): Promise<void> {
    const today = this.today();
    for (const period of views.checkpoints.periods.slice(0, views.points)) {
      if (period.day > today) break;
      this.frameOf(views.catalog, period);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * A lineage page of the current figures without viewing every resident: the counts come from
   * the kept tallies, and residents are walked in id order only until the page is full. Deep
   * pages cost more (each walks the pages before it); the first ones, which people open, are cheap.
   */
  lineage(
    year: number,
    def: IndicatorDefinition,
    unitId: string,
    page: number,
    pageSize: number,
    filter: 'all' | 'counted' | 'not_counted',
  ): LineagePage | undefined {
    const views = this.readyYear(year, 'current');
    const i = views?.catalog.indicators.findIndex((d) => d.id === def.id) ?? -1;
    if (!views || i < 0) return undefined;
    const period = views.current.periods[0];
    // A unit-level figure is not in the books: its few records are read from the model.
    if (isUnitIndicator(def))
      return lineageOf(this.model, def, unitId, period, page, pageSize, filter);
    const tree = new UnitTree(this.model, period);
    const counts = views.current.books[0].rolledUp(tree).get(unitId);
    const total = counts?.[2 * i] ?? 0;
    const counted = counts?.[2 * i + 1] ?? 0;
    const entries: LineageEntry[] = [];
    let skip = page * pageSize;
    for (const id of this.residentIds()) {
      if (entries.length >= pageSize) break;
      const v = residentView(this.model.residents.get(id)!, period, this.model);
      if (!v || !tree.within(v.unitId, unitId)) continue;
      for (const entry of lineageEntries(v, def, period)) {
        if (filter !== 'all' && entry.counted !== (filter === 'counted')) continue;
        if (skip > 0) skip -= 1;
        else if (entries.length < pageSize) entries.push(entry);
      }
    }
    return {
      indicatorId: def.id,
      unitId,
      counted,
      notCounted: total - counted,
      page,
      pageSize,
      entries,
    };
  }

  /**
   * Resident ids in lineage order. The model only ever adds residents, at the end of its map's
   * order: those added since the last call are sorted alone and merged in, instead of sorting a
   * district's half million ids again (a tenth of a second) on the first lineage page after a
   * birth or a registration.
   */
  private residentIds(): string[] {
    const residents = this.model.residents;
    const known = this.sortedIds.length;
    if (known === residents.size) return this.sortedIds;
    if (known > residents.size) return (this.sortedIds = [...residents.keys()].sort());
    const added: string[] = [];
    let i = 0;
    for (const id of residents.keys()) if (i++ >= known) added.push(id);
    this.sortedIds = mergeSorted(this.sortedIds, added.sort());
    return this.sortedIds;
  }

  /** Adds back every resident changed since the last read. */
  flush(): void {
    for (const g of this.groups()) {
      for (const [id, since] of g.dirty) {
        const r = this.model.residents.get(id);
        if (r) g.add(r, 1, since);
      }
      g.dirty.clear();
    }
  }

  /**
   * Takes the resident out of every group the event can change, as they were; `flush` adds
   * them back as they are. Groups the event cannot change keep the resident as counted.
   */
  private changing(change: ResidentChanging): void {
    // Whoever shares an ID number hash with the resident, or is given it by the event, may be
    // counted (or left out) in the EHR figures by what happens to this one: a duplicate
    // registered later, a hash corrected or erased away, the first registration dying. They
    // are taken out too, as they were, and added back as they are. Rare: most have no duplicate.
    for (const id of [
      change.residentId,
      ...this.model.coHolders(change.residentId, change.event),
    ]) {
      const r = this.model.residents.get(id);
      // A fact known now moves only the periods known from now on: a year's past checkpoints
      // keep the resident as counted, and are not viewed again (a replaced fact moves them all).
      const since = change.replaces ? undefined : change.event.recordedAt;
      for (const g of this.groups()) {
        if (!g.holds(id) || !g.affectedBy(change)) continue;
        if (g.dirty.has(id)) {
          const earlier = g.dirty.get(id);
          if (earlier === undefined || (since !== undefined && since >= earlier)) continue;
          // Taken out from `earlier` on already; now from `since` on too. The periods between
          // were not moved by the first change, so the resident as they are is as they were there.
          g.dirty.set(id, since);
          if (r) g.add(r, -1, since, earlier);
          continue;
        }
        g.dirty.set(id, since);
        if (r) g.add(r, -1, since);
      }
      // A fact learnt after every checkpoint changes none of their books, but the resident may
      // now turn after the last one: asOf must see them there.
      for (const v of this.years.values())
        if (v.checkpoints.holds(id) && !v.checkpoints.affectedBy(change))
          v.checkpoints.markTurning(v.points, id);
    }
  }

  private groups(): ViewGroup[] {
    return [...this.years.values()].flatMap((v) => [v.current, v.checkpoints]);
  }

  private readyYear(year: number, which: 'current' | 'checkpoints'): YearViews | undefined {
    const views = this.years.get(year);
    if (!views) return undefined;
    // The current year's figures are taken on today: a new day rebuilds them.
    if (
      which === 'current' &&
      views.current.ready &&
      !this.warming &&
      views.day !== periodOf(year, null, this.today()).day
    ) {
      views.current = this.currentGroup(views.catalog, year);
      views.day = views.current.periods[0].day;
      this.building = this.building.then(() => this.fill(views.current));
    }
    if (!views[which].ready) return undefined;
    this.flush();
    return views;
  }

  private currentGroup(catalog: IndicatorCatalog, year: number, day?: string): ViewGroup {
    // A restored group keeps the day it was saved for; a new day rebuilds it (see readyYear).
    const today = day ?? this.today();
    const now = periodOf(year, null, today);
    const before = periodOf(year - 1, null, today);
    const relative = relativeIndicators(catalog).indicators;
    // Relative targets need the same units' rates a year earlier, kept beside the year's own.
    if (relative.length === 0)
      return new ViewGroup([now], [new TallyBook(catalog.indicators)], (r) => ({
        contributions: [single(this.model, catalog.indicators, now)(r)],
      }));
    return new ViewGroup(
      [now, before],
      [new TallyBook(catalog.indicators), new TallyBook(relative, false)],
      (r) => ({
        contributions: [
          single(this.model, catalog.indicators, now)(r),
          single(this.model, relative, before)(r),
        ],
      }),
    );
  }

  private checkpointGroup(
    catalog: IndicatorCatalog,
    year: number,
  ): { group: ViewGroup; points: number } {
    const periods = checkpointDays(year).map((day) => periodOf(year, asOfInstant(day), day));
    const relative = relativeIndicators(catalog).indicators;
    // The year before as known at each checkpoint: a relative target at a day in between is
    // that year's rate as known that day (as evaluatePeriod takes it).
    const before = relative.length ? periods.map((p) => periodOf(year - 1, p.asOf, p.day)) : [];
    const group = new ViewGroup(
      [...periods, ...before],
      [
        // Teams and doctors too: a past day's rates show them as the current ones do.
        ...periods.map(() => new TallyBook(catalog.indicators)),
        ...before.map(() => new TallyBook(relative, false)),
      ],
      (r, since) => {
        const own = checkpointTimeline(r, catalog.indicators, periods, this.model, true, since);
        if (before.length === 0) return own;
        // The year before is viewed at its last day from every checkpoint: only facts learnt
        // between two checkpoints move it, and its marks need no days.
        const then = checkpointTimeline(r, relative, before, this.model, false, since);
        return { contributions: [...own.contributions, ...then.contributions], marks: own.marks };
      },
      (r) => checkpointMarks(r, periods, this.model),
    );
    return { group, points: periods.length };
  }

  /** Visits every resident into a group's books, a slice at a time. */
  private async fill(group: ViewGroup): Promise<void> {
    const visited = group.visited!;
    let slice = 0;
    let sliceStarted = performance.now();
    for (const [id, r] of this.model.residents) {
      if (slice === 0) this.flush();
      group.add(r, 1);
      visited.add(id);
      if (++slice >= this.sliceSize || performance.now() - sliceStarted > this.sliceMs) {
        slice = 0;
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
    this.flush();
    group.ready = true;
    group.visited = null;
    group.turnsKnown = true;
    // Lineage walks residents in id order: sorted now, in the build, not on the first page asked.
    this.residentIds();
  }

  /** Finds a restored group's turning sets, visiting every resident in slices as `fill` does. */
  private async retrace(group: ViewGroup): Promise<void> {
    let slice = 0;
    let sliceStarted = performance.now();
    for (const r of this.model.residents.values()) {
      // A resident changed meanwhile is put back with the sets of its facts then (ViewGroup.add).
      if (slice === 0) this.flush();
      group.retrace(r);
      // The same time bound as a build: a district's residents take tens of milliseconds per
      // slice of 500 here, and every request after a restart waited for one (p50 ≈ 33 ms).
      if (++slice >= this.sliceSize || performance.now() - sliceStarted > this.sliceMs) {
        slice = 0;
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
    this.flush();
    group.turnsKnown = true;
    this.residentIds();
  }
}

/** Two sorted lists as one sorted list. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const merged: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) merged[k++] = a[i++];
  while (j < b.length) merged[k++] = b[j++];
  return merged;
}
