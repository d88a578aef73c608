import {
  type IndicatorDefinition,
  type UnitIndicatorDefinition,
  isUnitIndicator,
} from '../catalog/indicator-definition';
import type { EventRef } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import { inCohort } from './cohorts';
import { isOncePerPerson, perBirth } from './contribution';
import { deliveriesIn, isMaternalRule, judgeDelivery, liveBirthsOf } from './maternal';
import { judge } from './numerator-rules';
import type { Period } from './period';
import { type ResidentView, residentView } from './resident-view';
import { unitSlotsOf } from './unit-figures';
import { UnitTree } from './unit-tree';
import { doseRecordVerdicts } from './vaccination';

export interface LineageEntry {
  /** The resident judged; absent for a unit-level indicator, whose entries are slots. */
  residentId?: string;
  /**
   * Unit-level indicators: what the entry stands for in the unit's figure, e.g. "2024-03
   * lecture 1" or a case's record id (evaluate/unit-activities.ts).
   */
  slot?: string;
  unitId: string;
  /** For renewal: the contract judged. */
  contractId?: string;
  /** For an indicator over records (dose records): the record judged. */
  recordId?: string;
  /** For maternal indicators: the delivery judged and its live births (what it adds). */
  deliveryId?: string;
  liveBirths?: number;
  counted: boolean;
  /**
   * EHR indicators: the resident is a second registration of this one (重复建档), shown as not
   * counted and outside the figure's denominator (the person counts once, under that resident).
   */
  duplicateOf?: string;
  reason?: { en: string; zh: string };
  /** The events that made the resident count (or, when not counted, what was found). */
  evidence: EventRef[];
}

export interface LineagePage {
  indicatorId: string;
  unitId: string;
  counted: number;
  notCounted: number;
  page: number;
  pageSize: number;
  entries: LineageEntry[];
}

/**
 * The residents behind one number: who counted, with the events that made them count, and who
 * did not, with the reason. Ordered by resident id, so pages are stable.
 */
export function lineage(
  model: LedgerModel,
  def: IndicatorDefinition,
  unitId: string,
  period: Period,
  page: number,
  pageSize: number,
  filter: 'all' | 'counted' | 'not_counted' = 'all',
): LineagePage {
  const tree = new UnitTree(model, period);
  const entries: LineageEntry[] = [];
  if (isUnitIndicator(def)) entries.push(...unitLineageEntries(model, def, unitId, period, tree));
  else {
    for (const r of model.residents.values()) {
      const v = residentView(r, period, model);
      if (v && tree.within(v.unitId, unitId)) entries.push(...lineageEntries(v, def, period));
    }
    entries.sort((a, b) =>
      a.residentId! < b.residentId! ? -1 : a.residentId! > b.residentId! ? 1 : 0,
    );
  }
  const counted = entries.filter((e) => e.counted).length;
  // A duplicate registration is listed but is in neither count: the figure leaves it out.
  const duplicates = entries.filter((e) => e.duplicateOf !== undefined).length;
  const selected =
    filter === 'all' ? entries : entries.filter((e) => e.counted === (filter === 'counted'));
  return {
    indicatorId: def.id,
    unitId,
    counted,
    notCounted: entries.length - counted - duplicates,
    page,
    pageSize,
    entries: selected.slice(page * pageSize, (page + 1) * pageSize),
  };
}

/**
 * One resident's entries for an indicator: one, none (outside its cohort), one per contract
 * (renewal), or one per delivery (maternal; each names its live births).
 */
export function lineageEntries(
  v: ResidentView,
  def: IndicatorDefinition,
  period: Period,
): LineageEntry[] {
  if (isUnitIndicator(def)) return [];
  if (def.numerator === 'renewed') {
    if (!v.present) return [];
    const entries: LineageEntry[] = [];
    for (const c of v.records.filter((x) => x.kind === 'contract')) {
      const originalEnd = c.fields.end as string;
      if (originalEnd < period.start || originalEnd > period.day) continue;
      const counted = c.end !== originalEnd;
      entries.push({
        residentId: v.residentId,
        unitId: v.unitId,
        contractId: c.recordId,
        counted,
        evidence: c.refs,
        reason: counted
          ? undefined
          : {
              en: `contract ended ${originalEnd} without renewal`,
              zh: `签约于 ${originalEnd} 到期未续约`,
            },
      });
    }
    return entries;
  }
  if (def.denominator.kind === 'records')
    return v.present
      ? doseRecordVerdicts(v, period).map((r) => ({
          residentId: v.residentId,
          unitId: v.unitId,
          recordId: r.recordId,
          counted: r.counted,
          reason: r.reason,
          evidence: r.evidence,
        }))
      : [];
  if (!inCohort(v, def.cohort as never, period)) return [];
  if (v.duplicateOf && isOncePerPerson(def)) {
    const first = v.duplicateOf;
    return [
      {
        residentId: v.residentId,
        unitId: v.unitId,
        counted: false,
        duplicateOf: first,
        reason: {
          en: `duplicate registration of resident ${first}`,
          zh: `重复建档：与居民 ${first} 为同一人`,
        },
        evidence: v.refs,
      },
    ];
  }
  const rule = def.numerator;
  if (perBirth(def) && isMaternalRule(rule))
    return deliveriesIn(v, period).map((d) => {
      const verdict = judgeDelivery(rule, v, d);
      return {
        residentId: v.residentId,
        unitId: v.unitId,
        deliveryId: d.recordId,
        liveBirths: liveBirthsOf(d),
        counted: verdict.counted,
        reason: verdict.reason,
        evidence: verdict.evidence,
      };
    });
  const verdict = judge(def, v, period);
  return [
    {
      residentId: v.residentId,
      unitId: v.unitId,
      counted: verdict.counted,
      reason: verdict.reason,
      evidence: verdict.evidence,
    },
  ];
}

/**
 * The slots behind a unit-level figure, unit by unit (in id order, then in the slots' order):
 * counted ones with the records that fill them, missing ones with the reason.
 */
function unitLineageEntries(
  model: LedgerModel,
  def: UnitIndicatorDefinition,
  unitId: string,
  period: Period,
  tree: UnitTree,
): LineageEntry[] {
  const byUnit: { unitId: string; entries: LineageEntry[] }[] = [];
  for (const u of unitSlotsOf(model, [def], period, tree)) {
    if (!tree.within(u.unitId, unitId)) continue;
    byUnit.push({
      unitId: u.unitId,
      entries: u.slots.map((s) => ({
        slot: s.label,
        unitId: u.unitId,
        counted: s.counted,
        reason: s.reason,
        evidence: s.evidence,
      })),
    });
  }
  byUnit.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return byUnit.flatMap((u) => u.entries);
}
