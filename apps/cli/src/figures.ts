import {
  UnitTree,
  buildModel,
  catalogForPeriod,
  evaluatePeriod,
  evaluationTable,
  periodOf,
} from '@libs/indicators';
import { type EventStore, StoreConfigError, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { asOfBasisOf } from './period-options';

/** Full rebuild from position 0, then the evaluation table of one unit: shared by replay and export. */
export async function figuresFromScratch(
  store: EventStore,
  o: { period: number; asOf?: string; by?: string; unit?: string },
) {
  const basis = asOfBasisOf(o);
  const model = await buildModel(store);
  const today = chinaDay(systemClock().toISOString());
  const period = periodOf(o.period, o.asOf ?? null, today, basis);
  const catalog = catalogForPeriod(o.period);
  if (!catalog) throw new StoreConfigError(`no indicator catalog for ${o.period}`);
  const tree = new UnitTree(model, period);
  const unitId = o.unit ?? tree.children(null)[0]?.unitId;
  if (!unitId || !tree.nodes.has(unitId))
    throw new StoreConfigError(
      unitId ? `unit ${unitId} does not exist in ${o.period}` : 'the ledger holds no units yet',
    );
  const result = evaluatePeriod(model, catalog, period, today);
  return { model, result, table: evaluationTable(result, catalog, tree, unitId) };
}
