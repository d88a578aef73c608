import { catalogForPeriod } from '../catalog/catalogs';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger } from '../testing/ledger-fixture';
import {
  QUANXIU,
  QUANXIU_HAND_TABLE,
  type QuanxiuRow,
  quanxiuCommands,
} from '../testing/quanxiu-2022.fixture';
import { assignedTargets, evaluatePeriod, type PeriodResult } from './evaluate-period';
import { daysBetween, paceFor } from './pace';
import { asOfInstant, type Period, periodOf } from './period';
import { UnitTree } from './unit-tree';

const TODAY = '2023-03-31';
const DAYS_LEFT = daysBetween(QUANXIU.asOfDay, QUANXIU.deadline);

/** The table as the ledger states it on 1 November 2022: tasks as assigned, open = task − counted. */
function ledgerRow(
  community: string,
  unitId: string,
  model: LedgerModel,
  period: Period,
  result: PeriodResult,
): QuanxiuRow {
  const assigned = assignedTargets(model, period, new UnitTree(model, period));
  const task = (key: string) => assigned.get(`${unitId}|${key}`) ?? 0;
  const counted = (indicatorId: string) =>
    result.rows.find((r) => r.unitId === unitId && r.indicatorId === indicatorId)!;
  const htn = paceFor(
    task('hypertension_target'),
    counted('hypertension_standardised').numerator,
    DAYS_LEFT,
  );
  const elderly = paceFor(
    task('elderly_health_management'),
    counted('elderly_health_management').numerator,
    DAYS_LEFT,
  );
  const tcm = paceFor(task('elderly_tcm'), counted('elderly_tcm').numerator, DAYS_LEFT);
  return {
    community,
    htnTask: htn.task,
    htnOpen: htn.open,
    htnPerDay: htn.perDay,
    residents65: counted('elderly_health_management').denominator,
    elderlyTask: elderly.task,
    elderlyOpen: elderly.open,
    elderlyPerDay: elderly.perDay,
    tcmTask: tcm.task,
    tcmOpen: tcm.open,
    tcmPerDay: tcm.perDay,
  };
}

interface Departure {
  community: string;
  column: keyof QuanxiuRow;
  hand: number;
  rule: number;
}

const COLUMNS = [
  'htnTask',
  'htnOpen',
  'htnPerDay',
  'residents65',
  'elderlyTask',
  'elderlyOpen',
  'elderlyPerDay',
  'tcmTask',
  'tcmOpen',
  'tcmPerDay',
] as const;

/**
 * The plan's task rule, in whole numbers: 70% of 335 is 234.5 and rounds up to 235, while
 * 0.7 × 335 in floating point is 234.49999999999997 and would round down.
 */
const percentOf = (residents: number, percent: number) => Math.round((residents * percent) / 100);

/** Cells of the hand table that the ledger states differently, then community tasks off the 72% / 70% rule. */
function departures(hand: QuanxiuRow[], ledger: QuanxiuRow[]): Departure[] {
  const found: Departure[] = [];
  hand.forEach((h, i) => {
    for (const column of COLUMNS)
      if (h[column] !== ledger[i][column])
        found.push({ community: h.community, column, hand: h[column], rule: ledger[i][column] });
  });
  for (const h of hand.filter((x) => x.community !== '合计')) {
    if (h.elderlyTask !== percentOf(h.residents65, 72))
      found.push({
        community: h.community,
        column: 'elderlyTask',
        hand: h.elderlyTask,
        rule: percentOf(h.residents65, 72),
      });
    if (h.tcmTask !== percentOf(h.residents65, 70))
      found.push({
        community: h.community,
        column: 'tcmTask',
        hand: h.tcmTask,
        rule: percentOf(h.residents65, 70),
      });
  }
  return found;
}

describe('Quanxiu street Q4 2022: the hand-made catch-up table against a ledger-derived pace', () => {
  let model: LedgerModel;
  let eventCount = 0;
  let ledger: QuanxiuRow[];
  let result: PeriodResult;
  let period: Period;

  beforeAll(async () => {
    const built = await buildLedger(quanxiuCommands());
    model = built.model;
    eventCount = built.events.length;
    period = periodOf(2022, asOfInstant(QUANXIU.asOfDay), TODAY);
    result = evaluatePeriod(model, catalogForPeriod(2022)!, period, TODAY);
    ledger = [
      ...QUANXIU_HAND_TABLE.rows.map((r) =>
        ledgerRow(r.community, QUANXIU.station(r.community), model, period, result),
      ),
      // The street's centre: tasks and counts rolled up, the pace taken on the total open.
      ledgerRow('合计', QUANXIU.centre, model, period, result),
    ];
  });

  it('builds the street through the real deciders, every command accepted', () => {
    expect(eventCount).toBe(quanxiuCommands().length);
    // 4,903 residents 65+ (824 of them hypertensive) and 2,297 younger patients: 2,276 managed, 21 not.
    expect(model.residents.size).toBe(4903 + 2297);
    const patients = result.rows.find(
      (r) => r.unitId === QUANXIU.centre && r.indicatorId === 'signing_hypertension',
    )!;
    expect(patients.denominator).toBe(824 + 2297);
    expect(period.day).toBe('2022-11-01');
    expect(DAYS_LEFT).toBe(30);
  });

  it('states task, open and per-day pace per community from the ledger', () => {
    const cells = ledger.map((r) => [
      r.community,
      r.htnTask,
      r.htnOpen,
      r.htnPerDay,
      r.residents65,
      r.elderlyTask,
      r.elderlyOpen,
      r.elderlyPerDay,
      r.tcmTask,
      r.tcmOpen,
      r.tcmPerDay,
    ]);
    expect(cells).toEqual([
      ['华丰', 542, 120, 4, 707, 509, 239, 8, 495, 254, 8],
      ['新秀', 568, 62, 2, 535, 385, 219, 7, 375, 237, 8],
      ['泉淮', 643, 201, 7, 885, 637, 357, 12, 620, 434, 14],
      ['灯洲', 739, 59, 2, 1139, 820, 465, 16, 797, 570, 19],
      ['灯星', 612, 85, 3, 850, 612, 353, 12, 595, 396, 13],
      ['沉洲', 298, 58, 2, 452, 325, 151, 5, 316, 133, 4],
      ['成洲', 341, 58, 2, 335, 242, 100, 3, 235, 100, 3],
      ['合计', 3743, 643, 21, 4903, 3530, 1884, 63, 3433, 2124, 71],
    ]);
  });

  it('counts done from the records: managed-to-standard, complete checkups, TCM identifications', () => {
    const centre = (id: string) =>
      result.rows.find((r) => r.unitId === QUANXIU.centre && r.indicatorId === id)!;
    expect(centre('hypertension_standardised')).toMatchObject({
      numerator: 3100,
      denominator: 3743,
    });
    expect(centre('elderly_health_management')).toMatchObject({
      numerator: 1646,
      denominator: 4903,
    });
    expect(centre('elderly_tcm')).toMatchObject({ numerator: 1309, denominator: 4903 });
    // The catalog reused for 2022 (Huancui, 64%) would leave 1,492 open; the street's task
    // (Fujian 2022: 72%) leaves 1,884.
    expect(centre('elderly_health_management').gap).toBe(1492);
    // The street and the district see the same figures as the centre.
    for (const unitId of [QUANXIU.street, QUANXIU.district]) {
      const row = result.rows.find(
        (r) => r.unitId === unitId && r.indicatorId === 'hypertension_standardised',
      )!;
      expect([row.numerator, row.denominator]).toEqual([3100, 3743]);
    }
  });

  it('the half day: 465 open over 30 days is 15.5 a day, stated as 16', () => {
    const dengzhou = paceFor(820, 820 - 465, DAYS_LEFT);
    expect(dengzhou.exactPerDay).toBe(15.5);
    expect(dengzhou.perDay).toBe(16);
  });

  it('finds exactly the cells where the hand-made table departs from the rule', () => {
    expect(departures([...QUANXIU_HAND_TABLE.rows, QUANXIU_HAND_TABLE.total], ledger)).toEqual([
      // TCM per day copies the 65+ column: 237/30, 434/30, 570/30, 396/30, 133/30 give 8, 14, 19, 13, 4.
      { community: '新秀', column: 'tcmPerDay', hand: 7, rule: 8 },
      { community: '泉淮', column: 'tcmPerDay', hand: 12, rule: 14 },
      { community: '灯洲', column: 'tcmPerDay', hand: 16, rule: 19 },
      { community: '灯星', column: 'tcmPerDay', hand: 12, rule: 13 },
      // Two HTN cells say 4 where 58 / 30 gives 2.
      { community: '沉洲', column: 'htnPerDay', hand: 4, rule: 2 },
      { community: '沉洲', column: 'tcmPerDay', hand: 5, rule: 4 },
      { community: '成洲', column: 'htnPerDay', hand: 4, rule: 2 },
      // The totals row adds up the per-day cells; the rule paces the total open (643 / 30, 2124 / 30).
      { community: '合计', column: 'htnPerDay', hand: 26, rule: 21 },
      { community: '合计', column: 'tcmPerDay', hand: 63, rule: 71 },
      // 72% of 335 residents 65+ is 241.2.
      { community: '成洲', column: 'elderlyTask', hand: 242, rule: 241 },
    ]);
  });

  it('the TCM per-day column is a copy of the 65+ one', () => {
    expect(QUANXIU_HAND_TABLE.rows.map((r) => r.tcmPerDay)).toEqual(
      QUANXIU_HAND_TABLE.rows.map((r) => r.elderlyPerDay),
    );
    // Where the copy looks right (华丰 8, 成洲 3) it is by coincidence of the open counts.
    expect(ledger.filter((r) => r.tcmPerDay === r.elderlyPerDay).map((r) => r.community)).toEqual([
      '华丰',
      '成洲',
    ]);
  });

  it('the task rule per row: 65+ task = 72% of residents 65+, TCM task = 70%, rounded', () => {
    const check = [...QUANXIU_HAND_TABLE.rows, QUANXIU_HAND_TABLE.total].map((r) => [
      r.community,
      r.elderlyTask - percentOf(r.residents65, 72),
      r.tcmTask - percentOf(r.residents65, 70),
    ]);
    expect(check).toEqual([
      ['华丰', 0, 0],
      ['新秀', 0, 0], // 374.5 rounds up to 375
      ['泉淮', 0, 0], // 619.5 → 620
      ['灯洲', 0, 0],
      ['灯星', 0, 0],
      ['沉洲', 0, 0],
      ['成洲', 1, 0], // 241.2 → 241, the table says 242; 234.5 → 235
      // The totals are sums of the rows. 65+: 72% of 4,903 is 3,530.16, and the rows add up to 3,530
      // only because 成洲 carries one extra (the rule's rows add up to 3,529). TCM: three rows round
      // up from .5, so the rows add up to 3,433 where 70% of 4,903 is 3,432.1.
      ['合计', 0, 1],
    ]);
    expect([percentOf(335, 70), Math.round(0.7 * 335)]).toEqual([235, 234]);
    const sum = (f: (r: QuanxiuRow) => number) =>
      QUANXIU_HAND_TABLE.rows.reduce((s, r) => s + f(r), 0);
    expect(sum((r) => percentOf(r.residents65, 72))).toBe(3529);
    expect(sum((r) => r.tcmTask)).toBe(3433);
    for (const column of [
      'htnTask',
      'htnOpen',
      'residents65',
      'elderlyTask',
      'elderlyOpen',
      'tcmTask',
      'tcmOpen',
      'htnPerDay',
      'elderlyPerDay',
      'tcmPerDay',
    ] as const) {
      expect([column, sum((r) => r[column])]).toEqual([column, QUANXIU_HAND_TABLE.total[column]]);
    }
  });
});
