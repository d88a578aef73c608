import type { YearCalendar } from './calendar';
import { HOUR_MS } from './calendar';
import type { SeedCommand } from './command-log';
import type { CentreRow } from './huancui-2024';

/**
 * What a district plans for its year beyond the services, for a demo that shows every panel:
 * a signing task on each target sheet, and the year's funds. Absent, the seed is as it always
 * was (the benchmarks and the detectors' scores are measured on that one).
 */
export interface YearPlan {
  /**
   * The share of its population each centre is asked to sign, as a `signing` count on its target
   * sheet (the district's is the sum). It replaces the catalog's "previous year + 3 pp", which a
   * ledger that starts on 1 January judges against the few contracts carried into the year.
   */
  signingShare: number;
  /** Allocations from every level in January, a pre-disbursement to each centre in February. */
  funds: boolean;
}

/**
 * Fen per resident from each source level: 94 yuan in all (the programme's 2024 standard), split
 * as the Shangdang 2023 allocation was (60 / 20 / 5 / 15 %, docs/decisions/0009's fixture).
 */
const PER_CAPITA_FEN = { central: 5640, provincial: 1880, municipal: 470, district: 1410 } as const;
const PER_CAPITA_TOTAL_FEN = Object.values(PER_CAPITA_FEN).reduce((a, b) => a + b, 0);
/** 先预拨、后结算: centres get 60 % of their share ahead, the rest after the evaluation. */
const PRE_DISBURSED_SHARE = 0.6;

export const signingTask = (row: CentreRow, share: number): number =>
  Math.round(row.population * share);

/**
 * The year's fund commands: each level's allocation to the district on 15 January, and a
 * pre-disbursement to every centre on 10 February, within a month of the money arriving (a later
 * one is an alert of fund-pre-disbursement).
 */
export function fundCommands(
  cal: YearCalendar,
  prefix: string,
  districtId: string,
  centres: readonly { unitId: string; population: number }[],
): { recordedAt: number; command: SeedCommand }[] {
  const population = centres.reduce((n, c) => n + c.population, 0);
  const allocated = cal.dayOf(cal.year, 0, 15);
  const paid = cal.dayOf(cal.year, 1, 10);
  const out: { recordedAt: number; command: SeedCommand }[] = [];
  Object.entries(PER_CAPITA_FEN).forEach(([sourceLevel, perCapitaFen], i) =>
    out.push({
      recordedAt: cal.at(allocated, 9 * HOUR_MS) + i * 60_000,
      command: {
        type: 'AllocateFunds',
        commandId: `${prefix}funds-${sourceLevel}-${cal.year}`,
        occurredAt: cal.date(allocated),
        unitId: districtId,
        year: cal.year,
        sourceLevel,
        amountFen: perCapitaFen * population,
        perCapitaFen,
        populationBasis: population,
      },
    }),
  );
  centres.forEach((c, i) =>
    out.push({
      recordedAt: cal.at(paid, 10 * HOUR_MS) + i * 60_000,
      command: {
        type: 'DisburseFunds',
        commandId: `${prefix}pre-${c.unitId}-${cal.year}`,
        occurredAt: cal.date(paid),
        fromUnitId: districtId,
        toUnitId: c.unitId,
        year: cal.year,
        kind: 'pre_disbursement',
        amountFen: Math.round(PRE_DISBURSED_SHARE * PER_CAPITA_TOTAL_FEN * c.population),
        note: `${cal.year}年基本公共卫生服务补助资金预拨（${PRE_DISBURSED_SHARE * 100}%）`,
      },
    }),
  );
  return out;
}
