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
import { messages } from './text/lang';

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
  const T = messages({
    zh: {
      noCatalog: (year: number) => `没有 ${year} 年的指标目录`,
      noUnit: (unit: string, year: number) => `机构 ${unit} 在 ${year} 年不存在`,
      noUnits: '账本中还没有机构',
    },
    en: {
      noCatalog: (year: number) => `no indicator catalog for ${year}`,
      noUnit: (unit: string, year: number) => `unit ${unit} does not exist in ${year}`,
      noUnits: 'the ledger holds no units yet',
    },
  });
  if (!catalog) throw new StoreConfigError(T.noCatalog(o.period));
  const tree = new UnitTree(model, period);
  const unitId = o.unit ?? tree.children(null)[0]?.unitId;
  if (!unitId || !tree.nodes.has(unitId))
    throw new StoreConfigError(unitId ? T.noUnit(unitId, o.period) : T.noUnits);
  const result = evaluatePeriod(model, catalog, period, today);
  return { model, result, table: evaluationTable(result, catalog, tree, unitId) };
}
