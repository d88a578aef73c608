import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const by = { doctorId: 'd1' };
const contract = (id: string) =>
  rec('2024-02-01', fx.contract(id, `${id}-c`, '2024-02-01', '2025-01-31'));
const household = (id: string) =>
  rec('2024-02-01', fx.contract(id, `${id}-c`, '2024-02-01', '2025-01-31', true));

/**
 * Key populations the records now know, besides those the tags state (issue 18, point 9). Six
 * adults aged 30 of centre c1, counted by hand on 31 December 2024:
 *   s1 a registered severe mental disorder patient, signed as a household: in signing_smd,
 *      signed; a key population member signed as a household
 *   t1 a tuberculosis patient notified in October, under treatment at the year's end, not
 *      signed: in signing_tb, not signed; key population
 *   t2 near-miss: treatment ended cured in November: not under treatment on 31 December
 *   p1 a pregnancy registered in September, not delivered: pregnant, signed
 *   p2 near-miss: registered in March, delivered in October: no longer pregnant; her baby,
 *      registered by the delivery itself, is a child 0–6 and so a key population member
 *   n1 none of these
 * signing_smd 1/1, signing_tb 0/1, signing_pregnant 1/1, household signing of key
 * populations 1/4 (s1, t1, p1, p2's baby; s1 alone signed as a household).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  ...['s1', 't1', 't2', 'p1', 'p2', 'n1'].map((id) =>
    rec('2020-01-01', fx.resident(id, '1994-03-01')),
  ),
  rec('2024-03-01', {
    type: 'RegisterMentalDisorderPatient',
    residentId: 's1',
    ...by,
    diagnosis: 'schizophrenia',
    consent: true,
    livingAt: 'home',
    occurredAt: '2024-03-01',
  }),
  household('s1'),
  ...[
    ['t1', '2024-10-10'],
    ['t2', '2024-05-10'],
  ].map(([id, on]) =>
    rec(on, {
      type: 'RegisterTuberculosisPatient',
      residentId: id,
      ...by,
      treatmentStart: on,
      regimen: 'initial',
      dosing: 'daily',
      occurredAt: on,
    }),
  ),
  rec('2024-11-10', {
    type: 'RecordTbTreatmentEnd',
    residentId: 't2',
    ...by,
    outcome: 'cured',
    occurredAt: '2024-11-10',
  }),
  ...[
    ['p1', '2024-09-01'],
    ['p2', '2024-03-01'],
  ].map(([id, on]) =>
    rec(on, {
      type: 'RegisterPregnancy',
      residentId: id,
      recordId: `${id}-p`,
      ...by,
      gestationalWeek: 8,
      occurredAt: on,
    }),
  ),
  contract('p1'),
  rec('2024-10-22', {
    type: 'RecordDelivery',
    residentId: 'p2',
    recordId: 'p2-d',
    ...by,
    place: 'hospital',
    liveBirths: [{ childId: 'p2-baby', sex: 'male', birthWeightGrams: 3300 }],
    stillbirths: 0,
    dischargeDate: '2024-10-22',
    occurredAt: '2024-10-18',
  }),
];

describe('key populations known from the records (signing)', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  it('counts patients and pregnancies the records know, on the period day', () => {
    const rows = evaluatePeriod(model, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows;
    const at = (id: string) => {
      const r = rows.find((x) => x.unitId === 'c1' && x.indicatorId === id)!;
      return [r.numerator, r.denominator];
    };
    expect(at('signing_smd')).toEqual([1, 1]);
    expect(at('signing_tb')).toEqual([0, 1]);
    expect(at('signing_pregnant')).toEqual([1, 1]);
    expect(at('signing_household_key')).toEqual([1, 4]);
  });

  it('on a day before the pregnancy and the notification, only the patient registered by then', () => {
    const rows = evaluatePeriod(
      model,
      HUANCUI_2024,
      periodOf(2024, null, '2024-06-30'),
      TODAY,
    ).rows;
    const at = (id: string) => {
      const r = rows.find((x) => x.unitId === 'c1' && x.indicatorId === id)!;
      return [r.numerator, r.denominator];
    };
    // 30 June: t2 under treatment (notified in May), p2 pregnant (registered in March).
    expect(at('signing_tb')).toEqual([0, 1]);
    expect(at('signing_pregnant')).toEqual([0, 1]);
    expect(at('signing_smd')).toEqual([1, 1]);
  });
});
