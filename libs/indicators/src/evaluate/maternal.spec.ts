import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { hasOpenPregnancy } from './maternal';
import { asOfInstant, periodOf } from './period';
import { residentView } from './resident-view';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const by = { doctorId: 'd1' };
/** A registration in `week` with its first check that day, then checks [day, week]. */
const pregnancy = (w: string, on: string, week: number, checks: [string, number][]) => [
  rec(on, {
    type: 'RegisterPregnancy',
    residentId: w,
    recordId: `${w}-p`,
    ...by,
    gestationalWeek: week,
    occurredAt: on,
  }),
  ...[[on, week] as [string, number], ...checks].map(([day, wk], k) =>
    rec(day, {
      type: 'RecordAntenatalCheck',
      residentId: w,
      recordId: `${w}-a${k}`,
      ...by,
      gestationalWeek: wk,
      occurredAt: day,
    }),
  ),
];
const FOUR_MORE = (from: number): [string, number][] =>
  [16, 20, 28, 36].map((wk, k) => [
    new Date(Date.UTC(2023, 11, 1 + from + 28 * (k + 1))).toISOString().slice(0, 10),
    wk,
  ]);
const deliver = (w: string, on: string, discharge: string, children: string[], stillbirths = 0) =>
  rec(discharge, {
    type: 'RecordDelivery',
    residentId: w,
    recordId: `${w}-d`,
    ...by,
    place: 'hospital',
    liveBirths: children.map((childId) => ({ childId, sex: 'female', birthWeightGrams: 3100 })),
    stillbirths,
    dischargeDate: discharge,
    occurredAt: on,
    // The fixture registers each baby itself (baby(), a week later), naming the delivery.
    registerChildren: false,
  });
const visit = (w: string, on: string) =>
  rec(on, {
    type: 'RecordPostpartumVisit',
    residentId: w,
    recordId: `${w}-v`,
    ...by,
    occurredAt: on,
  });
const check42 = (w: string, on: string) =>
  rec(on, {
    type: 'RecordPostpartumCheck',
    residentId: w,
    recordId: `${w}-42`,
    ...by,
    occurredAt: on,
  });
const baby = (id: string, w: string, born: string) =>
  rec(
    born.replace(/-(\d\d)$/, (_, d) => `-${String(Number(d) + 7).padStart(2, '0')}`),
    {
      ...fx.resident(id, born),
      occurredAt: born.replace(/-(\d\d)$/, (_, d) => `-${String(Number(d) + 7).padStart(2, '0')}`),
      motherId: w,
      deliveryRecordId: `${w}-d`,
    },
  );

/**
 * Mothers of centre c1, counted by hand for 2024, whose maternal year runs from 1 October 2023
 * to 30 September 2024 (births by delivery day; twins are two):
 *   w1  week 8, 5 checks, delivered 1 Jul, visit 7 days after discharge, 42-day check on day 42
 *   w2  near miss: registered in week 13 (5 checks, visit, check): not early, not managed
 *   w3  twins (2 births): week 10, 4 checks only (near miss), visit on day 28 after discharge
 *       (near miss, counts), 42-day check: early, visited, not managed
 *   w4  week 9, 5 checks, visit on day 29 after discharge (near miss, late): early only
 *   w5  never registered; delivered 1 Feb, visited: visited only
 *   w6  delivered 15 Nov 2023 (maternal year 2024), everything done: counted throughout
 *   w7  delivered 28 Sep 2023: maternal year 2023, not in 2024's births
 *   w8  delivered 5 Oct 2024: maternal year 2025, not in 2024's births
 *   w9  a stillbirth only: no live birth, in no denominator
 *   w10 week 11, 5 checks, 42-day check; the visit corrected to a day before the discharge:
 *       early, not visited
 * Births 8; early registration 6 (w1, w3 ×2, w4, w6, w10); visited 6 (w1, w2, w3 ×2, w5, w6);
 * system management 2 (w1, w6).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10'].map((id) =>
    rec('2020-01-01', fx.resident(id, '1993-05-01')),
  ),
  ...pregnancy('w1', '2023-12-01', 8, FOUR_MORE(0)),
  deliver('w1', '2024-07-01', '2024-07-03', ['b1']),
  baby('b1', 'w1', '2024-07-01'),
  visit('w1', '2024-07-10'),
  check42('w1', '2024-08-12'),
  ...pregnancy('w2', '2023-12-01', 13, FOUR_MORE(0)),
  deliver('w2', '2024-06-01', '2024-06-03', ['b2']),
  visit('w2', '2024-06-08'),
  check42('w2', '2024-07-13'),
  ...pregnancy('w3', '2023-09-01', 10, FOUR_MORE(-91).slice(0, 3)),
  deliver('w3', '2024-03-10', '2024-03-14', ['b3a', 'b3b']),
  baby('b3a', 'w3', '2024-03-10'),
  visit('w3', '2024-04-11'),
  check42('w3', '2024-04-21'),
  ...pregnancy('w4', '2023-11-01', 9, FOUR_MORE(-30)),
  deliver('w4', '2024-05-10', '2024-05-12', ['b4']),
  visit('w4', '2024-06-10'),
  check42('w4', '2024-06-24'),
  deliver('w5', '2024-02-01', '2024-02-03', ['b5']),
  visit('w5', '2024-02-10'),
  ...pregnancy('w6', '2023-04-10', 7, []),
  ...[16, 20, 28, 36].map((wk, k) =>
    rec(`2023-0${6 + k}-15`, {
      type: 'RecordAntenatalCheck',
      residentId: 'w6',
      recordId: `w6-b${k}`,
      ...by,
      gestationalWeek: wk,
      occurredAt: `2023-0${6 + k}-15`,
    }),
  ),
  deliver('w6', '2023-11-15', '2023-11-17', ['b6']),
  visit('w6', '2023-11-24'),
  check42('w6', '2023-12-27'),
  deliver('w7', '2023-09-28', '2023-09-30', ['b7']),
  deliver('w8', '2024-10-05', '2024-10-07', ['b8']),
  deliver('w9', '2024-04-01', '2024-04-01', [], 1),
  ...pregnancy('w10', '2023-10-20', 11, FOUR_MORE(-20)),
  deliver('w10', '2024-04-20', '2024-04-22', ['b10']),
  visit('w10', '2024-04-25'),
  rec('2024-04-30', {
    type: 'CorrectRecord',
    residentId: 'w10',
    recordId: 'w10-v',
    changes: { occurredAt: '2024-04-21' },
    reason: 'visit day misread',
    occurredAt: '2024-04-30',
  }),
  check42('w10', '2024-06-01'),
];

describe('maternal care: births of the maternal year and the care behind them', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figures = (period = periodOf(2024, null, TODAY)) => {
    const rows = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.filter(
      (r) => r.unitId === 'c1' && r.indicatorId.startsWith('maternal_'),
    );
    return Object.fromEntries(rows.map((r) => [r.indicatorId, [r.numerator, r.denominator]]));
  };

  it('counts live births (twins twice) and the births whose care counts', () => {
    expect(figures()).toEqual({
      maternal_early_registration: [6, 8],
      maternal_postpartum_visit: [6, 8],
      maternal_system_management: [2, 8],
    });
  });

  it('near miss: on 30 June w1 has not delivered yet', () => {
    expect(figures(periodOf(2024, asOfInstant('2024-06-30'), TODAY))).toEqual({
      maternal_early_registration: [5, 7],
      maternal_postpartum_visit: [5, 7],
      maternal_system_management: [1, 7],
    });
  });

  it('registers the children the deliveries name, each with the mother and the delivery', () => {
    expect(model.residents.get('b3a')!.registered!.data.birth).toEqual({
      motherId: 'w3',
      deliveryRecordId: 'w3-d',
    });
  });

  it('names what was missed, per delivery, in both languages', () => {
    const reasons = (id: string) =>
      Object.fromEntries(
        lineage(
          model,
          HUANCUI_2024.indicators.find((d) => d.id === id)!,
          'c1',
          periodOf(2024, null, TODAY),
          0,
          20,
        )
          .entries.filter((e) => !e.counted)
          .map((e) => [e.residentId, [e.liveBirths, e.reason?.en, e.reason?.zh]]),
      );
    expect(reasons('maternal_early_registration')).toEqual({
      w2: [1, 'registered in week 13, not before 13 weeks', '孕 13 周建册，未在孕13周前'],
      w5: [1, 'no pregnancy registered before the delivery', '分娩前未登记建册'],
    });
    expect(reasons('maternal_postpartum_visit')).toEqual({
      w4: [1, 'postpartum visit later than 28 days after discharge', '产后访视晚于出院后 28 天'],
      w10: [1, 'postpartum visit dated before the discharge', '产后访视日期早于出院'],
    });
    expect(reasons('maternal_system_management').w3).toEqual([
      2,
      '4 antenatal checks, 5 asked',
      '产前检查 4 次，不足 5 次',
    ]);
  });

  it('tells an open pregnancy on a day: registered, not yet delivered', () => {
    const w1 = residentView(model.residents.get('w1')!, periodOf(2024, null, TODAY))!;
    expect(hasOpenPregnancy(w1, '2023-11-30')).toBe(false);
    expect(hasOpenPregnancy(w1, '2023-12-01')).toBe(true);
    expect(hasOpenPregnancy(w1, '2024-06-30')).toBe(true);
    expect(hasOpenPregnancy(w1, '2024-07-01')).toBe(false);
  });
});
