import { type IndicatorDefinition, isUnitIndicator } from '../catalog/indicator-definition';
import { inCohort } from './cohorts';
import { judge } from './numerator-rules';
import type { Period } from './period';
import type { ResidentView } from './resident-view';

/**
 * What one resident adds to a period's tallies: a denominator and a numerator count per
 * indicator, in catalog order (`counts[2i]`, `counts[2i + 1]`). Most indicators count a
 * resident once; renewal counts each contract that expired in the period.
 */
export interface Contribution {
  unitId: string;
  counts: Int32Array;
  /** The team and `unitId|doctorId` of the contract in force on the period's day, if any. */
  teamId: string | null;
  doctorKey: string | null;
}

/** Whether indicator i counts per resident (teams and doctors are tallied only for those). */
export const perResident = (def: IndicatorDefinition) =>
  !isUnitIndicator(def) && def.numerator !== 'renewed';

export function contributionOf(
  v: ResidentView,
  indicators: readonly IndicatorDefinition[],
  period: Period,
): Contribution {
  const counts = new Int32Array(indicators.length * 2);
  indicators.forEach((def, i) => {
    // A unit-level indicator names no resident: its figures come from the units' own records
    // (evaluate/unit-activities.ts), never from a resident's tally.
    if (isUnitIndicator(def)) return;
    if (!perResident(def)) {
      // A contract of someone who died or moved away cannot be renewed; it leaves the denominator.
      if (!v.present) return;
      for (const c of v.records) {
        if (c.kind !== 'contract') continue;
        const originalEnd = c.fields.end as string;
        if (originalEnd < period.start || originalEnd > period.end || originalEnd > period.day)
          continue;
        counts[2 * i] += 1;
        if (c.end !== originalEnd) counts[2 * i + 1] += 1;
      }
      return;
    }
    if (!inCohort(v, def.cohort as never, period)) return;
    counts[2 * i] = 1;
    if (judge(def, v, period).counted) counts[2 * i + 1] = 1;
  });
  const contract = v.records.find(
    (x) =>
      x.kind === 'contract' &&
      x.terminatedOn === null &&
      (x.fields.start as string) <= period.day &&
      period.day <= x.end!,
  );
  return {
    unitId: v.unitId,
    counts,
    teamId: (contract?.fields.teamId as string | undefined) || null,
    doctorKey: contract ? `${v.unitId}|${String(contract.fields.doctorId)}` : null,
  };
}
