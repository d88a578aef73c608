import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { asOfInstant, periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const child = (id: string, birthDate: string) =>
  rec(birthDate, { ...fx.resident(id, birthDate), occurredAt: birthDate });
const guide = (residentId: string, ageMonths: number, on: string) =>
  rec(on, {
    type: 'RecordChildTcmGuidance',
    residentId,
    doctorId: 'd1',
    ageMonths,
    occurredAt: on,
  });

/**
 * Five children of centre c1, counted by hand for 2024:
 *   c1 born 2023-03-10: 12 months on 2024-03-10, 18 on 2024-09-10; guided at both: counted
 *   c2 born 2023-03-10: guided at 12 months only: not counted (18 months missed)
 *   c3 born 2024-08-01: six months only in February 2025: none due, not in the denominator
 *   c4 born 2021-02-20: 36 months on 2024-02-20; guided 26 days before it: counted
 *   c5 born 2020-06-01: 36 months in June 2023: none due in 2024, not in the denominator
 * Rate 2 / 3; as of 30 June (only 12 and 36 months due yet) 3 / 3.
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  child('c1', '2023-03-10'),
  child('c2', '2023-03-10'),
  child('c3', '2024-08-01'),
  child('c4', '2021-02-20'),
  child('c5', '2020-06-01'),
  guide('c4', 36, '2024-01-25'),
  guide('c1', 12, '2024-03-12'),
  guide('c2', 12, '2024-03-15'),
  guide('c1', 18, '2024-09-20'),
];

describe("children's TCM: guidance at every month age due in the year", () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figure = (period = periodOf(2024, null, TODAY)) => {
    const row = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === 'children_tcm',
    )!;
    return [row.numerator, row.denominator];
  };

  it('counts the children guided at every month age they reached this year', () => {
    expect(figure()).toEqual([2, 3]);
  });

  it('near miss: on 30 June the 18-month guidance is not yet due', () => {
    expect(figure(periodOf(2024, asOfInstant('2024-06-30'), TODAY))).toEqual([3, 3]);
  });

  it('names the month age missed, in both languages', () => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === 'children_tcm')!;
    const [c2] = lineage(model, def, 'c1', periodOf(2024, null, TODAY), 0, 10).entries.filter(
      (e) => e.residentId === 'c2',
    );
    expect(c2.reason).toEqual({
      en: 'no TCM guidance at 18 months',
      zh: '18 月龄未接受中医药健康指导',
    });
  });
});
