import {
  type IndicatorDefinition,
  type LedgerModel,
  type Period,
  UnitTree,
  lineage,
} from '@libs/indicators';
import type { SampledResident } from './sample-state';

export type PopulationFilter = 'counted' | 'all';

/**
 * The residents behind a number (lineage), sorted by resident id: all of the denominator's
 * cohort, or only those counted in the numerator. Renewal lists contracts; a resident is listed once.
 */
export function samplePopulation(
  model: LedgerModel,
  def: IndicatorDefinition,
  unitId: string,
  period: Period,
  filter: PopulationFilter,
): Omit<SampledResident, 'index'>[] {
  if (!new UnitTree(model, period).nodes.has(unitId)) return [];
  const page = lineage(
    model,
    def,
    unitId,
    period,
    0,
    Number.MAX_SAFE_INTEGER,
    filter === 'counted' ? 'counted' : 'all',
  );
  const seen = new Set<string>();
  const out: Omit<SampledResident, 'index'>[] = [];
  for (const e of page.entries) {
    // A unit-level indicator's entries are a unit's own records: no resident to visit.
    if (e.residentId === undefined || seen.has(e.residentId)) continue;
    seen.add(e.residentId);
    const household = model.residents.get(e.residentId)?.registered?.data as
      { householdId?: string | null } | undefined;
    out.push({
      residentId: e.residentId,
      unitId: e.unitId,
      householdId: household?.householdId ?? null,
      counted: e.counted,
    });
  }
  return out;
}
