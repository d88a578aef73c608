import { CATEGORY_NAMES } from '@libs/indicators';
import type { RateQueries, RatesQuery } from './rate-queries.service';

/** The figures of a unit and its direct sub-units, its teams and doctors, and the pace to year end. */
export function ratesView(queries: RateQueries, q: RatesQuery, unitId: string) {
  const result = queries.evaluate(q);
  const tree = queries.tree(q);
  const catalog = queries.catalog(q.year);
  const children = tree.children(unitId).map((n) => n.unitId);
  const shown = new Set([unitId, ...children]);
  const targets = new Map(
    catalog.indicators.map((d) => [d.id, typeof d.target === 'number' ? d.target : null]),
  );
  // Items are kept per year, as-of and unit: targets come from the year's catalog.
  const memo = queries.viewItems;
  const slot = `${q.year}|${q.asOf}|${q.asOfBasis ?? 'ledger'}|${unitId}`;
  const teams = [...tree.nodes.values()].filter(
    (n) => n.kind === 'team' && tree.within(n.unitId, unitId),
  );
  return {
    period: q.year,
    asOf: q.asOf,
    asOfBasis: result.period.asOfBasis,
    day: result.period.day,
    position: result.position,
    unit: tree.nodes.get(unitId),
    children,
    catalog: {
      id: catalog.id,
      version: catalog.version,
      indicators: catalog.indicators.map(
        ({ id, nameZh, nameEn, category, target, denominator }) => ({
          id,
          nameZh,
          nameEn,
          category,
          categoryZh: CATEGORY_NAMES[category].zh,
          categoryEn: CATEGORY_NAMES[category].en,
          target,
          denominator: denominator.kind,
        }),
      ),
    },
    rows: result.rows.filter((r) => shown.has(r.unitId)),
    teams: teams.map((t) => {
      const tallies = result.teams.get(t.unitId) ?? new Map();
      return memo.item(`${slot}|team|${t.unitId}|${t.name}`, tallies, () => ({
        teamId: t.unitId,
        name: t.name,
        figures: figuresOf(tallies, targets),
      }));
    }),
    // By name for the reader (王医生), the code beside it for whoever matches records.
    doctors: [...doctorTallies(result.doctors, (u) => tree.within(u, unitId))].map(
      ([doctorId, tallies]) => {
        const name = queries.doctorName(doctorId);
        return memo.item(`${slot}|doctor|${doctorId}|${name ?? ''}`, tallies, () => ({
          doctorId,
          name,
          figures: figuresOf(tallies, targets),
        }));
      },
    ),
    pace: queries.pace(q, unitId, `${q.year}-12-31`),
  };
}

type Tallies = Map<string, { numerator: number; denominator: number }>;

/** Rate, target, gap and status for a team's or doctor's tallies (rate targets only). */
function figuresOf(tallies: Tallies, targets: Map<string, number | null>) {
  return Object.fromEntries(
    [...tallies].map(([id, t]) => {
      const rate = t.denominator ? t.numerator / t.denominator : null;
      const target = targets.get(id) ?? null;
      const gap =
        target !== null && t.denominator
          ? Math.max(0, Math.ceil(target * t.denominator - t.numerator - 1e-9))
          : null;
      const status =
        rate === null ? 'no_data' : target === null ? 'no_target' : gap === 0 ? 'met' : 'behind';
      return [id, { ...t, rate, target, gap, status }];
    }),
  );
}

/** Doctor tallies of residents in the unit's subtree, summed per doctor. */
function doctorTallies(
  byUnitDoctor: Map<string, Tallies>,
  inScope: (unitId: string) => boolean,
): Map<string, Tallies> {
  const out = new Map<string, Tallies>();
  for (const [key, tallies] of byUnitDoctor) {
    const cut = key.indexOf('|');
    if (!inScope(key.slice(0, cut))) continue;
    const doctorId = key.slice(cut + 1);
    const sum = out.get(doctorId) ?? new Map();
    for (const [id, t] of tallies) {
      const s = sum.get(id) ?? { numerator: 0, denominator: 0 };
      sum.set(id, {
        numerator: s.numerator + t.numerator,
        denominator: s.denominator + t.denominator,
      });
    }
    out.set(doctorId, sum);
  }
  return out;
}
