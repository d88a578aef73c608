import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const bp = (systolic: number, diastolic: number) => ({ systolic, diastolic });
const QUARTERS = ['2024-02-10', '2024-05-10', '2024-08-10'];

/**
 * Phone follow-ups, counted by hand (all enrolled in 2023, checkup in May 2024):
 *   h1 HTN  face-to-face Q1–Q3 at 130/80, Q4 by phone with no reading:
 *           3 of 4 face-to-face (not standardised); controlled on the Q3 reading
 *   h2 HTN  face-to-face Q1–Q3 at 150/95, Q4 by phone reporting 120/75:
 *           not controlled: a reading given by phone is no control reading
 *   h3 HTN  by phone only, every quarter, no readings: neither standardised nor controlled
 *   d1 T2D  face-to-face Q1–Q4 at 6.5, then a later phone call in Q4 with no reading:
 *           standardised and controlled
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  ...['h1', 'h2', 'h3', 'd1'].flatMap((id) => [
    rec('2020-01-01', fx.resident(id, '1960-03-01')),
    rec('2023-01-01', fx.enrol(id, id === 'd1' ? 'diabetes' : 'hypertension', '2023-01-01')),
    rec('2024-05-01', { ...fx.checkup(id, '2024-05-01'), kind: 'other' }),
  ]),
  rec('2024-01-02', fx.targets('c1', 2024, { hypertension_target: 3, diabetes_target: 1 })),
  ...QUARTERS.map((d) => rec(d, fx.followUp('h1', 'hypertension', d, bp(130, 80)))),
  rec('2024-11-10', fx.followUp('h1', 'hypertension', '2024-11-10', {}, 'phone')),
  ...QUARTERS.map((d) => rec(d, fx.followUp('h2', 'hypertension', d, bp(150, 95)))),
  rec('2024-11-10', fx.followUp('h2', 'hypertension', '2024-11-10', bp(120, 75), 'phone')),
  ...[...QUARTERS, '2024-11-10'].map((d) =>
    rec(d, fx.followUp('h3', 'hypertension', d, {}, 'phone')),
  ),
  ...[...QUARTERS, '2024-11-10'].map((d) =>
    rec(d, fx.followUp('d1', 'diabetes', d, { fastingGlucose: 6.5 })),
  ),
  rec('2024-12-01', fx.followUp('d1', 'diabetes', '2024-12-01', {}, 'phone')),
];

describe('phone follow-ups: accepted, no face-to-face visit and no control reading', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const period = () => periodOf(2024, null, TODAY);
  const figure = (indicatorId: string) => {
    const row = evaluatePeriod(model, HUANCUI_2024, period(), TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === indicatorId,
    )!;
    return [row.numerator, row.denominator];
  };
  const verdicts = (indicatorId: string) => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === indicatorId)!;
    return Object.fromEntries(
      lineage(model, def, 'c1', period(), 0, 10).entries.map((e) => [e.residentId, e]),
    );
  };

  it('counts only face-to-face follow-ups for standardised management', () => {
    expect(figure('hypertension_standardised')).toEqual([0, 3]);
    expect(figure('diabetes_standardised')).toEqual([1, 1]);
    const v = verdicts('hypertension_standardised');
    expect(v.h1.reason?.en).toBe('3 of the 4 face-to-face follow-ups due');
    expect(v.h3.reason?.en).toBe('0 of the 4 face-to-face follow-ups due');
  });

  it('judges control on the last face-to-face reading, never on a phone call', () => {
    expect(figure('bp_control')).toEqual([1, 3]);
    expect(figure('glucose_control')).toEqual([1, 1]);
    const v = verdicts('bp_control');
    expect(v.h1).toMatchObject({ counted: true });
    expect(v.h2).toMatchObject({
      counted: false,
      reason: { en: 'last blood pressure 150/95 mmHg is not below 140/90' },
    });
    expect(v.h3).toMatchObject({
      counted: false,
      reason: {
        en: 'no face-to-face follow-up this year; a phone follow-up gives no control reading',
        zh: '本年度无面对面随访；电话随访不作为控制判断依据',
      },
    });
    // The phone calls are the evidence shown for why h3 is not counted.
    expect(v.h3.evidence).toHaveLength(4);
  });
});
