import { type IndicatorDefinition, isUnitIndicator } from '../catalog/indicator-definition';
import { inCohort } from './cohorts';
import { deliveriesIn, isMaternalRule, judgeDelivery, liveBirthsOf } from './maternal';
import { countedBy } from './numerator-rules';
import type { Period } from './period';
import type { ResidentView } from './resident-view';
import { doseRecordVerdicts } from './vaccination';

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

/**
 * Whether indicator i counts per resident (teams and doctors are tallied only for those): not a
 * unit's own indicator, nor renewal (per contract) nor an indicator over records (per dose record).
 */
export const perResident = (def: IndicatorDefinition) =>
  !isUnitIndicator(def) && def.numerator !== 'renewed' && def.denominator.kind !== 'records';

/**
 * Maternal indicators count live births (活产数), not mothers: each delivery in the period adds
 * its live births, twins two, to the denominator, and to the numerator when it counts.
 */
export const perBirth = (def: IndicatorDefinition) =>
  !isUnitIndicator(def) && def.cohort === 'maternal_live_births';

/** Indicators that count a person once, whatever registrations they have: the EHR ones. */
export const isOncePerPerson = (def: IndicatorDefinition) => def.category === 'health_records';

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
    // A person registered twice has one health record (档案): the EHR indicators count them once,
    // under the first registration. Only those: the duplicate's services (a checkup, a follow-up,
    // a contract) were given and recorded under it, so every other category counts them as ever.
    if (v.duplicateOf && isOncePerPerson(def)) return;
    if (def.denominator.kind === 'records') {
      // Dose records of the year, while the child lives here (as every cohort counts).
      if (!v.present) return;
      for (const r of doseRecordVerdicts(v, period)) {
        counts[2 * i] += 1;
        if (r.counted) counts[2 * i + 1] += 1;
      }
      return;
    }
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
    const rule = def.numerator;
    if (perBirth(def) && isMaternalRule(rule)) {
      for (const d of deliveriesIn(v, period)) {
        const births = liveBirthsOf(d);
        counts[2 * i] += births;
        if (judgeDelivery(rule, v, d).counted) counts[2 * i + 1] += births;
      }
      return;
    }
    counts[2 * i] = 1;
    if (countedBy(def, v, period)) counts[2 * i + 1] = 1;
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
