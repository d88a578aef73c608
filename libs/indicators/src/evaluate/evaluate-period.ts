import { chinaDay } from '@libs/records';
import { type IndicatorCatalog, isRelativeTarget } from '../catalog/indicator-definition';
import { knownBy } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import { contributionOf } from './contribution';
import { type Period, periodOf } from './period';
import { residentView } from './resident-view';
import { type Tally, TallyBook } from './tally-book';
import { addUnitFigures } from './unit-figures';
import { type UnitNode, UnitTree } from './unit-tree';

export type { Tally };

export interface RateRow {
  unitId: string;
  unitName: string;
  unitKind: string;
  indicatorId: string;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number | null;
  /** How many more must count to reach the target (0 when met). */
  gap: number | null;
  status: 'met' | 'behind' | 'no_target' | 'no_data';
}

export interface PeriodResult {
  period: Period;
  position: number;
  rows: RateRow[];
  /** Tallies per family doctor team, and per `unitId|doctorId`, by the resident's contract in force. */
  teams: Map<string, Map<string, Tally>>;
  doctors: Map<string, Map<string, Tally>>;
}

/** Evaluates every indicator of a catalog for every unit, rolled up the hierarchy as it was. */
export function evaluatePeriod(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  period: Period,
  today: string,
): PeriodResult {
  const book = new TallyBook(catalog.indicators);
  for (const r of model.residents.values()) {
    const v = residentView(r, period, model);
    if (v) book.add(contributionOf(v, catalog.indicators, period));
  }
  const previous = catalog.indicators.some((d) => isRelativeTarget(d.target))
    ? previousYear(model, catalog, period, today)
    : undefined;
  return resultOf(model, catalog, period, book, previous);
}

/** The rows of a period from its tally book, with targets (relative ones from `previous`). */
export function resultOf(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  period: Period,
  book: TallyBook,
  previous: Map<string, number> | undefined,
  /** The log position the book stands at (default: the model's). */
  position = model.position,
): PeriodResult {
  const frame = periodFrameOf(model, catalog, period);
  const tallies = book.rolledUp(frame.tree);
  // The units' own figures are rolled up the same tree already: added unit by unit.
  for (const [unitId, own] of frame.unitFigures) {
    const sum = tallies.get(unitId);
    if (!sum) tallies.set(unitId, own.slice());
    else for (let i = 0; i < sum.length; i += 1) sum[i] += own[i];
  }
  const rows = rowsOf([...frame.tree.nodes.values()], tallies, catalog, frame.assigned, previous);
  return {
    period,
    position,
    rows,
    teams: book.tallies('teams'),
    doctors: book.tallies('doctors'),
  };
}

/**
 * What a period's rows take besides the residents' book: the unit tree as it stood, the units'
 * own figures (unit-level indicators) rolled up that tree, and the assigned tasks. It moves only
 * with units, target sheets and unit activities, never with a resident's record, so one frame
 * serves every reading of a checkpoint until the model's frame changes.
 */
export interface PeriodFrame {
  tree: UnitTree;
  unitFigures: Map<string, Int32Array>;
  assigned: Map<string, number>;
}

export function periodFrameOf(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  period: Period,
): PeriodFrame {
  const tree = new UnitTree(model, period);
  const unitFigures = new Map<string, Int32Array>();
  addUnitFigures(unitFigures, model, catalog.indicators, period, tree);
  return { tree, unitFigures, assigned: assignedTargets(model, period, tree) };
}

/**
 * One unit's rows of a period from its tally book, the same as resultOf's rows for that unit,
 * without rolling up every other unit or tallying teams and doctors: what a unit's 10-day
 * progress needs at each of its 36 checkpoints. Empty when the unit was not in the tree then.
 */
export function unitRowsOf(
  frame: PeriodFrame,
  catalog: IndicatorCatalog,
  book: TallyBook,
  unitId: string,
  previous?: Map<string, number>,
): RateRow[] {
  const node = frame.tree.nodes.get(unitId);
  if (!node) return [];
  const sum = book.rolledUpFor(frame.tree, unitId);
  const own = frame.unitFigures.get(unitId);
  if (own) for (let i = 0; i < sum.length; i += 1) sum[i] += own[i];
  return rowsOf([node], new Map([[unitId, sum]]), catalog, frame.assigned, previous);
}

/** The rows of the given units: each indicator's counts, rate, target, gap and status. */
function rowsOf(
  nodes: readonly UnitNode[],
  tallies: Map<string, Int32Array>,
  catalog: IndicatorCatalog,
  assigned: Map<string, number>,
  previous: Map<string, number> | undefined,
): RateRow[] {
  const rows: RateRow[] = [];
  for (const node of nodes) {
    const counts = tallies.get(node.unitId);
    catalog.indicators.forEach((def, i) => {
      const numerator = counts ? counts[2 * i + 1] : 0;
      const denominator =
        def.denominator.kind === 'assigned_target'
          ? (assigned.get(`${node.unitId}|${def.denominator.targetKey}`) ?? 0)
          : counts
            ? counts[2 * i]
            : 0;
      const rate = denominator > 0 ? numerator / denominator : null;
      const base = previous?.get(`${node.unitId}|${def.id}`);
      const task = def.task === undefined ? undefined : assigned.get(`${node.unitId}|${def.task}`);
      const target =
        task !== undefined && denominator > 0
          ? Math.min(1, task / denominator)
          : typeof def.target === 'number'
            ? def.target
            : isRelativeTarget(def.target) && base != null
              ? Math.min(1, base + def.target.previousYearPlus)
              : null;
      const gap =
        target !== null && denominator > 0
          ? Math.max(0, Math.ceil(target * denominator - numerator - 1e-9))
          : null;
      // A count (supervision reports) has no rate and no target: the count is its figure.
      const status =
        def.denominator.kind === 'count'
          ? 'no_target'
          : rate === null
            ? 'no_data'
            : target === null
              ? 'no_target'
              : gap === 0
                ? 'met'
                : 'behind';
      rows.push({
        unitId: node.unitId,
        unitName: node.name,
        unitKind: node.kind,
        indicatorId: def.id,
        numerator,
        denominator,
        rate,
        target,
        gap,
        status,
      });
    });
  }
  return rows;
}

/** The catalog's indicators whose target is relative to the year before, with target 0. */
export const relativeIndicators = (catalog: IndicatorCatalog): IndicatorCatalog => ({
  ...catalog,
  indicators: catalog.indicators
    .filter((d) => isRelativeTarget(d.target))
    .map((d) => ({ ...d, target: 0 })),
});

/** Rates by `unitId|indicatorId` from a result's rows (the base of relative targets). */
export function ratesOf(result: PeriodResult): Map<string, number> {
  const rates = new Map<string, number>();
  for (const row of result.rows)
    if (row.rate !== null) rates.set(`${row.unitId}|${row.indicatorId}`, row.rate);
  return rates;
}

/**
 * Task counts per unit. A unit's own sheet is its task for its whole subtree (a district may be
 * given its total as well as its centres theirs); a unit without a sheet sums its children.
 * The latest sheet known at asOf counts.
 */
export function assignedTargets(
  model: LedgerModel,
  period: Period,
  tree: UnitTree,
): Map<string, number> {
  const own = new Map<string, Record<string, number>>();
  for (const [unitId, byYear] of model.targets) {
    const sheets = (byYear.get(period.year) ?? [])
      .filter(knownBy(period.asOf, period.asOfBasis))
      .filter((s) => chinaDay(s.ref.occurredAt) <= period.end);
    if (sheets.length && tree.nodes.has(unitId)) own.set(unitId, sheets[sheets.length - 1].data);
  }
  const children = new Map<string, string[]>();
  for (const n of tree.nodes.values())
    if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.unitId]);
  const keys = new Set([...own.values()].flatMap((sheet) => Object.keys(sheet)));
  const sums = new Map<string, number>();
  const total = (unitId: string, key: string): number | undefined => {
    const cached = sums.get(`${unitId}|${key}`);
    if (cached !== undefined) return cached;
    let value = own.get(unitId)?.[key];
    if (value === undefined) {
      for (const child of children.get(unitId) ?? []) {
        const t = total(child, key);
        if (t !== undefined) value = (value ?? 0) + t;
      }
    }
    if (value !== undefined) sums.set(`${unitId}|${key}`, value);
    return value;
  };
  for (const unitId of tree.nodes.keys()) for (const key of keys) total(unitId, key);
  return sums;
}

function previousYear(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  period: Period,
  today: string,
): Map<string, number> {
  const before = periodOf(period.year - 1, period.asOf, today, period.asOfBasis);
  return ratesOf(evaluatePeriod(model, relativeIndicators(catalog), before, today));
}
