import { CATEGORY_NAMES, type IndicatorCatalog } from '../catalog/indicator-definition';
import type { PeriodResult, RateRow } from '../evaluate/evaluate-period';
import type { UnitTree } from '../evaluate/unit-tree';

export interface EvaluationTable {
  title: string;
  indicators: {
    id: string;
    nameZh: string;
    nameEn: string;
    category: { zh: string; en: string };
  }[];
  /** One row per sub-unit, then the total (the unit itself). */
  rows: {
    unitId: string;
    unitName: string;
    total: boolean;
    cells: Record<
      string,
      Pick<RateRow, 'numerator' | 'denominator' | 'rate' | 'target' | 'status'>
    >;
  }[];
}

/** Laid out like a district's evaluation attachment: a row per unit, per indicator target, count and rate. */
export function evaluationTable(
  result: PeriodResult,
  catalog: IndicatorCatalog,
  tree: UnitTree,
  unitId: string,
): EvaluationTable {
  const byUnit = new Map<string, Map<string, RateRow>>();
  for (const r of result.rows) {
    const m = byUnit.get(r.unitId) ?? new Map<string, RateRow>();
    m.set(r.indicatorId, r);
    byUnit.set(r.unitId, m);
  }
  const units = [
    ...tree.children(unitId).map((n) => ({ id: n.unitId, total: false })),
    { id: unitId, total: true },
  ];
  // A source-time view is not what the ledger knew then: the title says which clock it reads.
  const clock = result.period.asOfBasis === 'source' ? '，按来源系统录入时间' : '';
  const asOf = result.period.asOf ? `，截至 ${result.period.asOf}${clock}` : '';
  return {
    title: `${tree.nodes.get(unitId)?.name ?? unitId} ${result.period.year} 年基本公共卫生服务指标（${result.period.day}${asOf}）`,
    indicators: catalog.indicators.map(({ id, nameZh, nameEn, category }) => ({
      id,
      nameZh,
      nameEn,
      category: CATEGORY_NAMES[category],
    })),
    rows: units.map(({ id, total }) => ({
      unitId: id,
      unitName: total ? `合计 ${tree.nodes.get(id)?.name ?? id}` : (tree.nodes.get(id)?.name ?? id),
      total,
      cells: Object.fromEntries(
        catalog.indicators.map((d) => {
          const r = byUnit.get(id)?.get(d.id);
          return [
            d.id,
            {
              numerator: r?.numerator ?? 0,
              denominator: r?.denominator ?? 0,
              rate: r?.rate ?? null,
              target: r?.target ?? null,
              status: r?.status ?? 'no_data',
            },
          ];
        }),
      ),
    })),
  };
}
