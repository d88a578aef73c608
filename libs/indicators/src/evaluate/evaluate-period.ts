import { chinaDay } from '@libs/records';
import type { IndicatorCatalog, IndicatorDefinition } from '../catalog/indicator-definition';
import { knownBy } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import { inCohort } from './cohorts';
import { judge } from './numerator-rules';
import { type Period, periodOf } from './period';
import { residentView } from './resident-view';
import { UnitTree } from './unit-tree';

export interface Tally {
  numerator: number;
  denominator: number;
}

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

const bump = (
  map: Map<string, Map<string, Tally>>,
  key: string,
  indicator: string,
  counted: boolean,
) => {
  const byIndicator = map.get(key) ?? new Map<string, Tally>();
  const t = byIndicator.get(indicator) ?? { numerator: 0, denominator: 0 };
  t.denominator += 1;
  if (counted) t.numerator += 1;
  byIndicator.set(indicator, t);
  map.set(key, byIndicator);
};

/** Whether a resident's contract expiring in the period was renewed (renewal is counted per contract). */
function renewalTallies(
  model: LedgerModel,
  period: Period,
  tree: UnitTree,
  tallies: Map<string, Tally>,
  def: IndicatorDefinition,
) {
  for (const r of model.residents.values()) {
    const v = residentView(r, period);
    // A contract of someone who died or moved away cannot be renewed; it leaves the denominator.
    if (!v?.present) continue;
    for (const c of v.records.filter((x) => x.kind === 'contract')) {
      const originalEnd = c.fields.end as string;
      if (originalEnd < period.start || originalEnd > period.end || originalEnd > period.day)
        continue;
      for (const unitId of tree.chain(v.unitId)) {
        const t = tallies.get(`${unitId}|${def.id}`) ?? { numerator: 0, denominator: 0 };
        t.denominator += 1;
        if (c.end !== originalEnd) t.numerator += 1;
        tallies.set(`${unitId}|${def.id}`, t);
      }
    }
  }
}

/** Evaluates every indicator of a catalog for every unit, rolled up the hierarchy as it was. */
export function evaluatePeriod(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  period: Period,
  today: string,
): PeriodResult {
  const tree = new UnitTree(model, period);
  const tallies = new Map<string, Tally>();
  const teams = new Map<string, Map<string, Tally>>();
  const doctors = new Map<string, Map<string, Tally>>();
  const perResident = catalog.indicators.filter((d) => d.numerator !== 'renewed');
  for (const r of model.residents.values()) {
    const v = residentView(r, period);
    if (!v) continue;
    const chain = tree.chain(v.unitId);
    const contract = v.records.find(
      (x) =>
        x.kind === 'contract' &&
        x.terminatedOn === null &&
        (x.fields.start as string) <= period.day &&
        period.day <= x.end!,
    );
    for (const def of perResident) {
      if (!inCohort(v, def.cohort as never, period)) continue;
      const counted = judge(def, v, period).counted;
      for (const unitId of chain) {
        const key = `${unitId}|${def.id}`;
        const t = tallies.get(key) ?? { numerator: 0, denominator: 0 };
        t.denominator += 1;
        if (counted) t.numerator += 1;
        tallies.set(key, t);
      }
      if (contract?.fields.teamId) bump(teams, contract.fields.teamId as string, def.id, counted);
      // Keyed by the resident's unit too, so a unit's view can sum only its own residents.
      if (contract)
        bump(doctors, `${v.unitId}|${String(contract.fields.doctorId)}`, def.id, counted);
    }
  }
  for (const def of catalog.indicators.filter((d) => d.numerator === 'renewed'))
    renewalTallies(model, period, tree, tallies, def);

  const assigned = assignedTargets(model, period, tree);
  const previous = catalog.indicators.some((d) => typeof d.target === 'object')
    ? previousYear(model, catalog, period, today)
    : undefined;
  const rows: RateRow[] = [];
  for (const node of tree.nodes.values()) {
    for (const def of catalog.indicators) {
      const t = tallies.get(`${node.unitId}|${def.id}`) ?? { numerator: 0, denominator: 0 };
      const denominator =
        def.denominator.kind === 'assigned_target'
          ? (assigned.get(`${node.unitId}|${def.denominator.targetKey}`) ?? 0)
          : t.denominator;
      const rate = denominator > 0 ? t.numerator / denominator : null;
      const base = previous?.get(`${node.unitId}|${def.id}`);
      const target =
        typeof def.target === 'number'
          ? def.target
          : base != null
            ? Math.min(1, base + def.target.previousYearPlus)
            : null;
      const gap =
        target !== null && denominator > 0
          ? Math.max(0, Math.ceil(target * denominator - t.numerator - 1e-9))
          : null;
      const status =
        rate === null ? 'no_data' : target === null ? 'no_target' : gap === 0 ? 'met' : 'behind';
      rows.push({
        unitId: node.unitId,
        unitName: node.name,
        unitKind: node.kind,
        indicatorId: def.id,
        numerator: t.numerator,
        denominator,
        rate,
        target,
        gap,
        status,
      });
    }
  }
  return { period, position: model.position, rows, teams, doctors };
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
  const relative = {
    ...catalog,
    indicators: catalog.indicators
      .filter((d) => typeof d.target === 'object')
      .map((d) => ({ ...d, target: 0 })),
  };
  const before = periodOf(period.year - 1, period.asOf, today, period.asOfBasis);
  const rates = new Map<string, number>();
  for (const row of evaluatePeriod(model, relative, before, today).rows)
    if (row.rate !== null) rates.set(`${row.unitId}|${row.indicatorId}`, row.rate);
  return rates;
}
