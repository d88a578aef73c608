import { SERVICE_UNIT_CLASS, type UnitKind, chinaDay } from '@libs/records';
import {
  type IndicatorDefinition,
  type UnitIndicatorDefinition,
  isUnitIndicator,
} from '../catalog/indicator-definition';
import type { LedgerModel } from '../model/ledger-model';
import type { Period } from './period';
import {
  type ServiceUnit,
  type UnitSlot,
  activitiesIn,
  figureOf,
  unitSlots,
} from './unit-activities';
import type { UnitNode, UnitTree } from './unit-tree';

const serviceUnitOf = (model: LedgerModel, node: UnitNode): ServiceUnit => {
  const first = model.units.get(node.unitId)?.versions[0];
  return {
    unitId: node.unitId,
    kind: node.kind,
    openedOn: first ? chinaDay(first.ref.occurredAt) : '',
  };
};

/** Every centre, station and village clinic of the tree, with its slots for one indicator. */
export function* unitSlotsOf(
  model: LedgerModel,
  defs: readonly UnitIndicatorDefinition[],
  period: Period,
  tree: UnitTree,
): Generator<{ unitId: string; k: number; slots: UnitSlot[] }> {
  for (const node of tree.nodes.values()) {
    if (!SERVICE_UNIT_CLASS[node.kind as UnitKind]) continue;
    const unit = serviceUnitOf(model, node);
    const acts = activitiesIn(model, node.unitId, period);
    for (let k = 0; k < defs.length; k += 1) {
      const slots = unitSlots(defs[k], unit, acts, period);
      if (slots) yield { unitId: node.unitId, k, slots };
    }
  }
}

/**
 * Adds the unit-level indicators' figures to tallies already rolled up the tree: each centre's
 * and station's own figure, summed into every unit above it as residents' tallies are. The
 * activities are few, so they are counted afresh for each evaluation rather than kept.
 */
export function addUnitFigures(
  rolled: Map<string, Int32Array>,
  model: LedgerModel,
  indicators: readonly IndicatorDefinition[],
  period: Period,
  tree: UnitTree,
): void {
  const index: number[] = [];
  const defs: UnitIndicatorDefinition[] = [];
  indicators.forEach((d, i) => {
    if (isUnitIndicator(d)) {
      defs.push(d);
      index.push(i);
    }
  });
  if (defs.length === 0) return;
  for (const { unitId, k, slots } of unitSlotsOf(model, defs, period, tree)) {
    const f = figureOf(defs[k], slots);
    if (f.numerator === 0 && f.denominator === 0) continue;
    const i = index[k];
    for (const id of tree.chain(unitId)) {
      let sum = rolled.get(id);
      if (!sum) rolled.set(id, (sum = new Int32Array(indicators.length * 2)));
      sum[2 * i] += f.denominator;
      sum[2 * i + 1] += f.numerator;
    }
  }
}
