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
const withRecord = (id: string, form: string, complete: boolean) => ({
  ...fx.resident(id, '1950-03-01'),
  healthRecord: form,
  healthRecordComplete: complete,
  healthRecordOpenedOn: '2019-05-01',
});
const review = (residentId: string, on: string, missing: string[] = []) => ({
  type: 'ReviewHealthRecord',
  residentId,
  doctorId: 'd1',
  missing,
  occurredAt: on,
});

/**
 * Health records of six residents of centre c1, counted by hand for 2024:
 *   e1 electronic, complete when registered; no service this year: standardised, not in use
 *   e2 electronic, incomplete; reviewed 2024-05-10 with nothing missing; a checkup in 2024:
 *      standardised (from May), in use
 *   p3 paper only, complete: no e-record (out of both e-record denominators), not standardised
 *   o4 no record at registration; opened electronic and incomplete on 2024-03-01; its review
 *      finding it complete is dated 2025-01-02, after the year: not standardised for 2024
 *   e5 electronic, complete when registered; reviewed 2024-04-01 with the examination form
 *      missing: no longer standardised; a TCM identification in 2024: in use
 *   n6 no health record at all: counted only in the population
 * Standardised rate 2 / 4 (e1, e2 of e1, e2, o4, e5); coverage 2 / 6; in use 2 / 4 (e2, e5).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  rec('2020-01-01', withRecord('e1', 'electronic', true)),
  rec('2020-01-01', withRecord('e2', 'electronic', false)),
  rec('2020-01-01', withRecord('p3', 'paper', true)),
  rec('2020-01-01', fx.resident('o4', '1950-03-01')),
  rec('2020-01-01', withRecord('e5', 'electronic', true)),
  rec('2020-01-01', fx.resident('n6', '1950-03-01')),
  rec('2024-03-01', {
    type: 'OpenHealthRecord',
    residentId: 'o4',
    doctorId: 'd1',
    occurredAt: '2024-03-01',
  }),
  rec('2024-04-01', review('e5', '2024-04-01', ['health_examination'])),
  rec('2024-05-10', review('e2', '2024-05-10')),
  rec('2024-05-10', fx.checkup('e2', '2024-05-10')),
  rec('2024-06-01', fx.tcm('e5', '2024-06-01')),
  rec('2025-01-02', review('o4', '2025-01-02')),
];

describe('health records: standardised e-records, coverage and use', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figure = (indicatorId: string, period = periodOf(2024, null, TODAY)) => {
    const row = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === indicatorId,
    )!;
    return [row.numerator, row.denominator];
  };

  it('counts standardised e-records among e-records and among the population', () => {
    expect(figure('ehr_standardised_rate')).toEqual([2, 4]);
    expect(figure('ehr_standardised_coverage')).toEqual([2, 6]);
  });

  it('counts a record in use when a service was recorded in it this year', () => {
    expect(figure('ehr_dynamic_use')).toEqual([2, 4]);
  });

  it('near miss: before the May review, e2 was not yet standardised', () => {
    const april = periodOf(2024, asOfInstant('2024-04-30'), TODAY);
    expect(figure('ehr_standardised_rate', april)).toEqual([1, 4]);
  });

  it('says why a record does not count, in both languages, with its evidence', () => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === 'ehr_standardised_coverage')!;
    const entries = Object.fromEntries(
      lineage(model, def, 'c1', periodOf(2024, null, TODAY), 0, 10).entries.map((e) => [
        e.residentId!,
        e,
      ]),
    );
    expect(entries.e1.counted).toBe(true);
    expect(entries.p3.reason).toEqual({
      en: 'the health record is on paper only',
      zh: '健康档案仅为纸质档案',
    });
    expect(entries.e5.reason?.zh).toBe('电子健康档案未规范化（内容不全）');
    expect(entries.e5.evidence.map((r) => r.type)).toEqual([
      'ResidentRegistered',
      'HealthRecordReviewed',
    ]);
    expect(entries.n6.reason?.en).toBe('no health record on 2024-12-31');
    expect(entries.o4.reason?.en).toMatch(/not standardised/);
  });
});
