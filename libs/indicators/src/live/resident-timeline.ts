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
import type { RecordModel, ResidentModel } from '../model/resident-model';
import { type Contribution, contributionOf } from '../evaluate/contribution';
import { type Period, asOfInstant } from '../evaluate/period';
import { residentView } from '../evaluate/resident-view';

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}/;

const CHILD_AGE_DAYS = new Map<string, string[]>();

/**
 * The days a child reaches the month ages of TCM guidance and of the checkups under 3. Children
 * share birth dates (a district's under-5s have fewer than 2,000 between them), and an as-of
 * read asks this for every child among tens of thousands of residents: kept by birth date.
 */
function childAgeDays(birth: string): string[] {
  let days = CHILD_AGE_DAYS.get(birth);
  if (!days) {
    if (CHILD_AGE_DAYS.size > 20_000) CHILD_AGE_DAYS.clear();
    days = [...CHILD_TCM_AGES, ...CHILD_UNDER_3_AGES].map((m) => monthAgeDay(birth, m));
    CHILD_AGE_DAYS.set(birth, days);
  }
  return days;
}

/** Whether a text starts like a day (YYYY-MM-DD): the test an as-of read makes per field of every record. */
function startsWithDay(text: string): boolean {
  return (
    text.length >= 10 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    DAY_TEXT.test(text)
  );
}

/**
 * Every day a resident's view can turn on: when facts happened, and dates their records name. A
 * view of a day D compares such a date with D, so it may turn on that day or the next.
 */
function daysOf(r: ResidentModel, year: number): string[] {
  const days: string[] = [];
  const refs: EventRef[] = [];
  const datesIn = (data: Record<string, unknown>) => {
    for (const key in data) {
      const value = data[key];
      // Most fields are not days: two character tests turn them away before the pattern.
      if (typeof value === 'string' && startsWithDay(value))
        days.push(value.length === 10 ? value : chinaDay(value));
    }
  };
  if (r.registered) refs.push(r.registered.ref);
  for (const list of [r.tagChanges, r.reassignments, r.movedOut, r.died])
    for (const f of list) refs.push(f.ref);
  // A young child owes TCM guidance, and a child under 3 a checkup, from the day they reach each
  // month age. (A newborn visit is judged by its own day against its discharge day, both dates of
  // the record, taken below: the 7th day after the discharge is never compared with the period's.)
  const birth = r.registered?.data.birthDate;
  if (typeof birth === 'string' && Number(birth.slice(0, 4)) >= year - 4)
    days.push(...childAgeDays(birth));
  // A child owes each vaccine dose from its due day.
  if (typeof birth === 'string' && Number(birth.slice(0, 4)) >= year - LAST_DUE_AGE_YEARS - 1)
    days.push(...dueDays(birth));
  // Chronic care and severe mental disorder patients owe one follow-up a quarter.
  for (const m of r.records.values()) {
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
  return days;
}

/**
 * The days on which a resident's view turns exactly, from the day before to that day, whatever
 * their facts say: a chronic care or severe mental disorder patient owes one more follow-up from
 * each quarter's first day. Kept apart from daysOf because the turn cannot fall on the day after:
 * a checkpoint on the day before a quarter starts (every quarter ends on one) already has it on
 * the far side, so a day after the quarter's first, read from that checkpoint forward or from the
 * next one back, need not view these patients again. As dates they were viewed at both ends:
 * some 60,000 patients, three seconds of a district's read as of a quarter's first days.
 */
function turnDaysOf(r: ResidentModel, year: number): string[] {
  for (const m of r.records.values())
    if (m.kind === 'enrolment' || m.kind === 'mental_health_registration')
      return QUARTER_STARTS.map((mm) => `${year}-${mm}-01`);
  return [];
}

const QUARTER_STARTS = ['01', '04', '07', '10'];

/** Every time a resident's facts became known to the ledger. */
function knownTimes(r: ResidentModel): string[] {
  const times: string[] = [];
  someKnownTime(r, (t) => void times.push(t));
  return times;
}

/** Whether one of a resident's facts became known within (after, until]; stops at the first. */
function knownWithin(r: ResidentModel, after: string, until: string): boolean {
  return someKnownTime(r, (t) => t > after && t <= until);
}

/**
 * Calls `visit` with each time a fact of the resident became known (with the day it says it
 * occurred, and whether it changes its record whatever day a view is of: a correction or a void),
 * until it returns true. Written out, list by list: an as-of read asks it of tens of thousands of
 * residents, and making an array of a resident's lists (and of each record's) per call was a
 * third of the read.
 */
function someKnownTime(r: ResidentModel, visit: KnownVisit): boolean {
  if (r.registered && visit(r.registered.ref.recordedAt, r.registered.ref.occurredAt, false))
    return true;
  if (
    someIn(r.tagChanges, visit, false) ||
    someIn(r.reassignments, visit, false) ||
    someIn(r.movedOut, visit, false) ||
    someIn(r.died, visit, false)
  )
    return true;
  for (const m of r.records.values())
    if (
      // A record's day is its data's (residentView reads it there), the envelope's where absent.
      visit(m.created.ref.recordedAt, recordDayOf(m), false) ||
      someIn(m.corrections, visit, true) ||
      someIn(m.voids, visit, true) ||
      someIn(m.terminations, visit, false) ||
      someIn(m.renewals, visit, false)
    )
      return true;
  return false;
}

const recordDayOf = (m: RecordModel): string =>
  typeof m.created.data.occurredAt === 'string'
    ? m.created.data.occurredAt
    : m.created.ref.occurredAt;

type KnownVisit = (time: string, occurredAt: string, anyDay: boolean) => boolean | void;

function someIn(
  facts: readonly { ref: { recordedAt: string; occurredAt: string } }[],
  visit: KnownVisit,
  anyDay: boolean,
): boolean {
  for (let i = 0; i < facts.length; i += 1)
    if (visit(facts[i].ref.recordedAt, facts[i].ref.occurredAt, anyDay)) return true;
  return false;
}

/** A resident's contributions at a year's checkpoints, and where their view may turn. */
export interface Timeline {
  contributions: (Contribution | undefined)[];
  /** checkpointMarks: the windows around the checkpoints in which the view may turn. */
  marks: number[];
}

/**
 * A stretch of ledger time and of days: a resident's view taken at its two ends can differ only
 * if one of their facts became known within (afterAsOf, untilAsOf], or a date their facts name
 * lies within [fromDay, toDay] (every comparison the rules make is of such a date with the
 * period's day).
 */
export interface TurnWindow {
  afterAsOf: string;
  untilAsOf: string;
  fromDay: string;
  toDay: string;
}

/** Whether a resident's view may turn within a window, and whether through facts learnt in it. */
export interface WindowTurn {
  /** Their view of the year may differ between the window's ends. */
  view: boolean;
  /**
   * One of their facts became known within it (or they share an ID number): only then can their
   * view of another year, whose day does not move, differ between its ends. From a mark
   * (turnsBetween), only where one such fact can change an earlier year (see EARLIER_YEAR).
   */
  known: boolean;
}

/** Later than any instant: the window that runs to now. */
export const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** The last instant of the year before, China time: nothing of the year is known before it. */
export const yearStartInstant = (year: number): string => asOfInstant(`${year - 1}-12-31`);

/**
 * The windows a year's checkpoint group keeps its residents' turns by: before the first
 * checkpoint (from the year's start), between each two, and after the last (to now).
 */
export function checkpointWindows(checkpoints: readonly Period[]): TurnWindow[] {
  // Asked per resident change and per resident of a build: made once per group's periods.
  let windows = WINDOWS.get(checkpoints);
  if (!windows) WINDOWS.set(checkpoints, (windows = windowsOf(checkpoints)));
  return windows;
}

const WINDOWS = new WeakMap<readonly Period[], TurnWindow[]>();

function windowsOf(checkpoints: readonly Period[]): TurnWindow[] {
  const first = checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  return [
    {
      afterAsOf: yearStartInstant(first.year),
      untilAsOf: first.asOf!,
      fromDay: first.start,
      toDay: first.day,
    },
    ...checkpoints.slice(1).map((p, i) => ({
      afterAsOf: checkpoints[i].asOf!,
      untilAsOf: p.asOf!,
      fromDay: checkpoints[i].day,
      toDay: p.day,
    })),
    { afterAsOf: last.asOf!, untilAsOf: END_OF_TIME, fromDay: last.day, toDay: last.day },
  ];
}

/** Whether a resident's view may turn within each window (see TurnWindow). */
export function turnsIn(
  r: ResidentModel,
  year: number,
  windows: readonly TurnWindow[],
  model?: LedgerModel,
  /** False for a view whose day does not move (another year's): only facts learnt turn it. */
  daysMatter = true,
): WindowTurn[] {
  if (!r.registered) return windows.map(() => ({ view: false, known: false }));
  // A resident sharing an ID number hash with another can turn on the other's facts (whether
  // they duplicate each other, and who came first): viewed everywhere. Few are.
  const shared = !!model && r.identity.length > 0 && model.coHolders(r.residentId).length > 0;
  // A year's windows ask every time of the resident many times over: listed once. An as-of
  // read asks one or two windows of tens of thousands of residents: walked without a list.
  const times = windows.length > 2 ? knownTimes(r) : undefined;
  const knownIn = (w: TurnWindow) =>
    times
      ? times.some((t) => t > w.afterAsOf && t <= w.untilAsOf)
      : knownWithin(r, w.afterAsOf, w.untilAsOf);
  // The days only where no fact became known in the window: most candidates of an as-of read
  // turn through a fact, and the days cost more to list than the times.
  let days: string[] | undefined;
  return windows.map((w) => {
    const known = shared || knownIn(w);
    if (known || !daysMatter) return { known, view: known };
    // A turn day taken as a date is viewed one day more than it needs: the window after the last
    // checkpoint (to now) and a year's build are not worth a second test.
    days ??= [...daysOf(r, year), ...turnDaysOf(r, year)];
    return { known, view: days.some((d) => d >= w.fromDay && d <= w.toDay) };
  });
}

/**
 * A turn mark of the window after the last checkpoint, or of a resident who may turn anywhere
 * (one sharing an ID number): every bit set.
 */
export const ALL_TURNS = -1;

/**
 * In a checkpoint window's mark: one of the facts learnt in the window can change a view of an
 * earlier year (it occurred before the year, or it corrects or voids a record). Without it, the
 * year before (viewed at its last day, for relative targets) is the same at both ends.
 */
const EARLIER_YEAR = 1 << 30;

/**
 * Where a resident's view of the year may turn, one mark per window of checkpointWindows (0: it
 * cannot): the group keeps the residents of each window with their marks (ViewGroup.turning), so
 * a day between two checkpoints is the nearer one's figures plus the difference of a few
 * thousand residents.
 *
 * Within a checkpoint window a mark says on which of its days (bit k: the k-th day from the
 * window's fromDay) a date of the resident's facts falls (low 16 bits) and one of their facts
 * became known (high 16 bits), so an as-of read picks out those who turn between the checkpoint
 * and its day without listing each one's facts again (see turnsBetween). The window after the
 * last checkpoint runs to now: a mark there is ALL_TURNS.
 */
export function checkpointMarks(
  r: ResidentModel,
  checkpoints: readonly Period[],
  model?: LedgerModel,
  daysMatter = true,
): number[] {
  const windows = checkpointWindows(checkpoints);
  const marks = windows.map(() => 0);
  if (!r.registered) return marks;
  if (model && r.identity.length > 0 && model.coHolders(r.residentId).length > 0)
    return marks.fill(ALL_TURNS);
  const days = dayIndex(windows);
  const ends = dayEnds(windows);
  const last = windows.length - 1;
  const yearStart = `${checkpoints[0].year}-01-01`;
  // Asked at every append (the resident's marks as they were and as they are, per kept year):
  // instants are placed by comparing them with the days' last instants, not by a China day each.
  someKnownTime(r, (t, occurredAt, anyDay) => {
    const w = windowOfTime(windows, t);
    if (w === last) marks[w] = ALL_TURNS;
    else if (w >= 0) {
      const dayEnd = ends[w];
      let k = 0;
      while (k < dayEnd.length && t > dayEnd[k]) k += 1;
      marks[w] |= k < dayEnd.length ? 1 << (k + 16) : ALL_TURNS;
      if (
        (marks[w] & EARLIER_YEAR) === 0 &&
        (anyDay || (occurredAt.length === 10 ? occurredAt : chinaDay(occurredAt)) < yearStart)
      )
        marks[w] |= EARLIER_YEAR;
    }
  });
  if (daysMatter) {
    const year = checkpoints[0].year;
    for (const d of daysOf(r, year))
      for (const [w, k] of days.get(d) ?? []) marks[w] |= w === last ? ALL_TURNS : 1 << k;
    // A turn on day k falls between days k - 1 and k: marked as the day before, in the windows
    // that hold both (turnsBetween then counts it exactly when a stretch crosses it). A window
    // that starts on that day starts with the turn behind it.
    for (const d of turnDaysOf(r, year))
      for (const [w, k] of days.get(d) ?? [])
        if (w === last) marks[w] = ALL_TURNS;
        else if (k > 0) marks[w] |= 1 << (k - 1);
  }
  return marks;
}

/** The window whose (afterAsOf, untilAsOf] holds an instant, or -1. */
function windowOfTime(windows: readonly TurnWindow[], t: string): number {
  let lo = 0;
  let hi = windows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t <= windows[mid].untilAsOf) hi = mid;
    else lo = mid + 1;
  }
  return t > windows[lo].afterAsOf && t <= windows[lo].untilAsOf ? lo : -1;
}

/** Each day of the windows' [fromDay, toDay] → the windows it is in, with its place there. */
function dayIndex(windows: readonly TurnWindow[]): Map<string, [number, number][]> {
  let index = DAY_INDEX.get(windows);
  if (index) return index;
  index = new Map();
  windows.forEach((w, i) => {
    for (let k = 0, day = w.fromDay; day <= w.toDay; k += 1, day = nextDay(day)) {
      const at = index!.get(day);
      if (at) at.push([i, k]);
      else index!.set(day, [[i, k]]);
    }
  });
  DAY_INDEX.set(windows, index);
  return index;
}

const DAY_INDEX = new WeakMap<readonly TurnWindow[], Map<string, [number, number][]>>();

/** For each window, the last instant (China time) of each of its days, in order. */
function dayEnds(windows: readonly TurnWindow[]): string[][] {
  let ends = DAY_ENDS.get(windows);
  if (ends) return ends;
  ends = windows.map((w) => {
    const list: string[] = [];
    for (let day = w.fromDay; day <= w.toDay; day = nextDay(day)) list.push(asOfInstant(day));
    return list;
  });
  DAY_ENDS.set(windows, ends);
  return ends;
}

const DAY_ENDS = new WeakMap<readonly TurnWindow[], string[][]>();

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The place of a day in a checkpoint window (its k-th day from fromDay), or undefined. */
export function dayInWindow(
  windows: readonly TurnWindow[],
  w: number,
  day: string,
): number | undefined {
  return dayIndex(windows)
    .get(day)
    ?.find(([v]) => v === w)?.[1];
}

/**
 * From a mark of window w, whether the view may turn between two places of the window (the
 * days from `from` to `to`, both counted), and whether through a fact learnt on one of them.
 * A fact learnt on the day of an instant inside the stretch counts whole: more residents
 * viewed, never fewer, and one viewed who does not turn moves nothing. With `learntFrom`, facts
 * learnt before that place do not count: a stretch that starts at a day's last instant has
 * everything learnt that day behind it (a date on that day still counts: a view may turn the
 * day after one).
 */
export function turnsBetween(
  mark: number,
  from: number,
  to: number,
  learntFrom = from,
): WindowTurn {
  const bits = (((1 << (to + 1)) - 1) & ~((1 << from) - 1)) >>> 0;
  const learntBits = (((1 << (to + 1)) - 1) & ~((1 << learntFrom) - 1)) >>> 0;
  const learnt = ((mark >>> 16) & learntBits & 0xfff) !== 0;
  return {
    known: learnt && (mark & EARLIER_YEAR) !== 0,
    view: learnt || (mark & bits) !== 0,
  };
}

/**
 * A resident's contribution at each of a year's checkpoints (ledger time, in order). Between two
 * checkpoints the contribution can change only if the view may turn in the window between them;
 * otherwise the previous one is carried over, which is what makes a year of checkpoints cost a
 * few evaluations per resident, not 36.
 */
export function checkpointTimeline(
  r: ResidentModel,
  indicators: readonly IndicatorDefinition[],
  checkpoints: readonly Period[],
  model?: LedgerModel,
  /** False when every checkpoint views the same day (the year before, at its end). */
  daysMatter = true,
  /**
   * Only the checkpoints known at or after this instant are wanted (see checkpointAffected): the
   * others are left undefined, unviewed. A fact learnt today changes none of the year's past
   * checkpoints, and viewing them again on every live append was most of an append's cost.
   */
  since?: string,
): Timeline {
  const marks = checkpointMarks(r, checkpoints, model, daysMatter);
  let current: Contribution | undefined;
  let carried = false;
  const contributions = checkpoints.map((p, k) => {
    if (!checkpointAffected(p, since)) return undefined;
    // The first wanted checkpoint is viewed whatever its mark: nothing before it was.
    if (!carried || marks[k]) {
      const v = r.registered ? residentView(r, p, model) : undefined;
      current = v ? contributionOf(v, indicators, p) : undefined;
      carried = true;
    }
    return current;
  });
  return { contributions, marks };
}

/**
 * Whether a period's view can differ for a fact known at `since`: a view as known at an instant
 * before it cannot (no `since`: every period is asked).
 */
export function checkpointAffected(p: Period, since: string | undefined): boolean {
  return since === undefined || p.asOf === null || p.asOf >= since;
}
