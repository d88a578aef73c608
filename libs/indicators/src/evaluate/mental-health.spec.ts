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
const patient = (residentId: string, on: string, consent = true, livingAt = 'home') =>
  rec(on, {
    type: 'RegisterMentalDisorderPatient',
    residentId,
    doctorId: 'd1',
    diagnosis: 'schizophrenia',
    consent,
    livingAt,
    occurredAt: on,
  });
const visit = (residentId: string, on: string) =>
  rec(on, {
    type: 'RecordMentalHealthFollowUp',
    residentId,
    doctorId: 'd1',
    mode: 'face_to_face_home',
    status: 'stable',
    onMedication: true,
    occurredAt: on,
  });
const QUARTERS = ['2024-02-10', '2024-05-10', '2024-08-10', '2024-11-10'];

/**
 * Ten residents of centre c1, five of them registered patients, counted by hand for 2024:
 *   m1 at home, consented, a follow-up every quarter: managed and to standard
 *   m2 at home, consented, three follow-ups (Q1–Q3): managed, not to standard (3 of 4)
 *   m3 at home, no consent, no follow-up: detected, neither managed nor to standard
 *   m4 at home, consented, registered 15 August (Q3); follow-ups in September and November:
 *      owes two, to standard
 *   m5 in hospital, consented, four follow-ups: not among the home-living, to standard
 *   n6–n10 no disorder
 * Detected 5 / 10; managed 3 / 4 (m1, m2, m4 of m1–m4); to standard 3 / 5 (m1, m4, m5).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  ...['m1', 'm2', 'm3', 'm4', 'm5', 'n6', 'n7', 'n8', 'n9', 'n10'].map((id) =>
    rec('2020-01-01', fx.resident(id, '1970-03-01')),
  ),
  patient('m1', '2023-06-01'),
  patient('m2', '2023-06-01'),
  patient('m3', '2023-06-01', false),
  patient('m4', '2024-08-15'),
  patient('m5', '2023-06-01', true, 'hospital'),
  ...QUARTERS.map((d) => visit('m1', d)),
  ...QUARTERS.slice(0, 3).map((d) => visit('m2', d)),
  visit('m4', '2024-09-01'),
  visit('m4', '2024-11-01'),
  ...QUARTERS.map((d) => visit('m5', d)),
];

describe('severe mental disorders: detected, managed, managed to standard', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figure = (indicatorId: string, period = periodOf(2024, null, TODAY)) => {
    const row = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === indicatorId,
    )!;
    return [row.numerator, row.denominator, row.status];
  };

  it('counts registered patients per resident, against 4.2 per thousand', () => {
    expect(figure('smd_detection')).toEqual([5, 10, 'met']);
  });

  it('counts home-living patients with consent and a follow-up as managed', () => {
    expect(figure('smd_management')).toEqual([3, 4, 'behind']);
  });

  it('counts patients with every quarterly follow-up due as managed to standard, with no target', () => {
    expect(figure('smd_standard_management')).toEqual([3, 5, 'no_target']);
  });

  it('near miss: in June, m2 owes only two and is to standard; m4 is not yet a patient', () => {
    const june = periodOf(2024, asOfInstant('2024-06-30'), TODAY);
    expect(figure('smd_standard_management', june)).toEqual([3, 4, 'no_target']);
  });

  it('says why, in both languages', () => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === 'smd_standard_management')!;
    const entries = Object.fromEntries(
      lineage(model, def, 'c1', periodOf(2024, null, TODAY), 0, 10).entries.map((e) => [
        e.residentId!,
        e,
      ]),
    );
    expect(entries.m2.reason).toEqual({
      en: '3 of the 4 follow-ups due',
      zh: '应随访 4 次，实际 3 次',
    });
    expect(entries.m3.reason?.zh).toBe('患者（监护人）未签署知情同意，未纳入管理');
    expect(entries.m1.evidence.map((r) => r.type)).toEqual([
      'MentalDisorderPatientRegistered',
      ...QUARTERS.map(() => 'MentalHealthFollowUpRecorded'),
    ]);
  });
});
