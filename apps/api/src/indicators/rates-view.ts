import type { RateQueries, RatesQuery } from './rate-queries.service';

/** The figures of a unit and its direct sub-units, its teams, and the pace to year end. */
export function ratesView(queries: RateQueries, q: RatesQuery, unitId: string) {
  const result = queries.evaluate(q);
  const tree = queries.tree(q);
  const catalog = queries.catalog(q.year);
  const children = tree.children(unitId).map((n) => n.unitId);
  const shown = new Set([unitId, ...children]);
  const teams = [...tree.nodes.values()].filter(
    (n) => n.kind === 'team' && tree.within(n.unitId, unitId),
  );
  return {
    period: q.year,
    asOf: q.asOf,
    day: result.period.day,
    position: result.position,
    unit: tree.nodes.get(unitId),
    children,
    catalog: {
      id: catalog.id,
      version: catalog.version,
      indicators: catalog.indicators.map(({ id, nameZh, nameEn, target, denominator }) => ({
        id,
        nameZh,
        nameEn,
        target,
        denominator: denominator.kind,
      })),
    },
    rows: result.rows.filter((r) => shown.has(r.unitId)),
    teams: teams.map((t) => ({
      teamId: t.unitId,
      name: t.name,
      figures: Object.fromEntries(
        [...(result.teams.get(t.unitId) ?? new Map())].map(([id, tally]) => [
          id,
          { ...tally, rate: tally.denominator ? tally.numerator / tally.denominator : null },
        ]),
      ),
    })),
    pace: queries.pace(q, unitId, `${q.year}-12-31`),
  };
}
