import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { asOfInstant, periodOf } from './period';
import { residentView } from './resident-view';
import { underTbTreatmentOn } from './tuberculosis';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>, sourceRecordedAt?: string) => ({
  at: `${day}T02:00:00.000Z`,
  command,
  ...(sourceRecordedAt ? { sourceRecordedAt } : {}),
});
const notified = (residentId: string, on: string, start: string, dosing = 'daily') =>
  rec(on, {
    type: 'RegisterTuberculosisPatient',
    residentId,
    doctorId: 'd1',
    treatmentStart: start,
    regimen: 'initial',
    dosing,
    occurredAt: on,
  });
const firstVisit = (residentId: string, on: string, sourceRecordedAt?: string) =>
  rec(
    sourceRecordedAt ? '2024-06-02' : on,
    {
      type: 'RecordTbFirstVisit',
      residentId,
      doctorId: 'd1',
      supervisor: 'family_member',
      occurredAt: on,
    },
    sourceRecordedAt,
  );
const card = (residentId: string, month: string, due: number, taken: number, on?: string) =>
  rec(on ?? `${month}-28`, {
    type: 'RecordTbMedication',
    residentId,
    doctorId: 'd1',
    month,
    dosesDue: due,
    dosesTaken: taken,
    occurredAt: on ?? `${month}-28`,
  });
/** A card per month from `first`, each with its due and taken doses. */
const cards = (residentId: string, first: string, due: number[], taken: number[]) =>
  due.map((d, i) => {
    const [y, m] = first.split('-').map(Number);
    const at = new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
    return card(residentId, at, d, taken[i]);
  });
const ended = (residentId: string, on: string, outcome: string) =>
  rec(on, { type: 'RecordTbTreatmentEnd', residentId, doctorId: 'd1', outcome, occurredAt: on });
const six = (n: number) => [n, n, n, n, n, n];

/**
 * Eight patients of centre c1 and two residents without tuberculosis, counted by hand for 2024:
 *   t1 notified 1 March, visited on day 3 (4 March); 162 of 180 doses (90%); completed in August
 *   t2 notified 10 April, visited on day 4 (14 April): managed, late; 161 of 180 (89.4%); cured
 *   t3 notified 1 May, never visited
 *   t4 notified 1 June; a migrated first visit dated 30 May, before it: kept, not counted
 *   t5 notified 2023 (every other day, 90 due), 84 taken (93.3%), completed 1 March 2024; a
 *      migrated card of March dated after the end (15 due, none taken): kept, not counted
 *   t6 notified 1 July, visited the next day; treatment failed in December
 *   t7 notified 20 November, visited on day 2; still under treatment at the year's end
 *   t8 notified 2023, a prolonged course: cards due 200 (more than the regimen's 180), 175 taken
 *      (87.5%; of the regimen's 180 it would be 97%); completed 5 April 2024
 * Managed 4 / 6 (t1 t2 t6 t7 of t1–t4 t6 t7); visited within 72 hours 3 / 6 (t1 t6 t7);
 * regular medication 2 / 4 (t1 t5 of t1 t2 t5 t8).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  ...['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 'n9', 'n10'].map((id) =>
    rec('2020-01-01', fx.resident(id, '1975-05-01')),
  ),
  notified('t1', '2024-03-01', '2024-02-27'),
  firstVisit('t1', '2024-03-04'),
  ...cards('t1', '2024-03', six(30), six(27)),
  ended('t1', '2024-08-28', 'completed'),
  notified('t2', '2024-04-10', '2024-04-08'),
  firstVisit('t2', '2024-04-14'),
  ...cards('t2', '2024-04', six(30), [27, 27, 27, 27, 27, 26]),
  ended('t2', '2024-10-10', 'cured'),
  notified('t3', '2024-05-01', '2024-04-29'),
  notified('t4', '2024-06-01', '2024-05-28'),
  firstVisit('t4', '2024-05-30', '2024-05-30T08:00:00.000Z'),
  notified('t5', '2023-09-01', '2023-08-30', 'every_other_day'),
  firstVisit('t5', '2023-09-02'),
  ...cards('t5', '2023-09', six(15), six(14)),
  ended('t5', '2024-03-01', 'completed'),
  rec(
    '2024-06-02',
    {
      type: 'RecordTbMedication',
      residentId: 't5',
      doctorId: 'd1',
      month: '2024-03',
      dosesDue: 15,
      dosesTaken: 0,
      occurredAt: '2024-03-15',
    },
    '2024-03-15T08:00:00.000Z',
  ),
  notified('t6', '2024-07-01', '2024-06-28'),
  firstVisit('t6', '2024-07-02'),
  ended('t6', '2024-12-01', 'failed'),
  notified('t7', '2024-11-20', '2024-11-18'),
  firstVisit('t7', '2024-11-22'),
  notified('t8', '2023-10-01', '2023-09-28'),
  firstVisit('t8', '2023-10-03'),
  ...cards('t8', '2023-10', six(30), six(26)),
  card('t8', '2024-04', 20, 19, '2024-04-05'),
  ended('t8', '2024-04-05', 'completed'),
];

describe('tuberculosis: managed, visited within 72 hours, regular medication', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figure = (indicatorId: string, period = periodOf(2024, null, TODAY)) => {
    const row = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === indicatorId,
    )!;
    return [row.numerator, row.denominator, row.status];
  };
  const reasons = (indicatorId: string) => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === indicatorId)!;
    return Object.fromEntries(
      lineage(model, def, 'c1', periodOf(2024, null, TODAY), 0, 20).entries.map((e) => [
        e.residentId!,
        e,
      ]),
    );
  };

  it('has every command of the fixture accepted (the migrated ones out of sequence too)', () => {
    const t5 = model.residents.get('t5')!;
    expect([...t5.records.values()].filter((m) => m.kind === 'tb_medication')).toHaveLength(7);
    const t4 = model.residents.get('t4')!;
    expect([...t4.records.values()].map((m) => m.kind)).toEqual([
      'tb_registration',
      'tb_first_visit',
    ]);
  });

  it('counts patients notified this year with a first home visit as managed, late or not', () => {
    expect(figure('tb_management')).toEqual([4, 6, 'behind']);
  });

  it('near miss: a first visit on day 3 is within 72 hours, on day 4 it is not', () => {
    expect(figure('tb_first_visit_timely')).toEqual([3, 6, 'no_target']);
    const r = reasons('tb_first_visit_timely');
    expect(r.t1.counted).toBe(true);
    expect(r.t2.reason).toEqual({
      en: 'first home visit 4 days after the notification, not within 72 hours (3 days)',
      zh: '首次入户随访在接到通知后第 4 天，超过 72 小时（3 天）',
    });
  });

  it('does not count a migrated visit dated before the notification', () => {
    expect(reasons('tb_management').t4.reason?.en).toBe(
      'no first home visit since the notification of 2024-06-01',
    );
  });

  it('counts completed treatments with at least 90% of the doses due taken', () => {
    expect(figure('tb_regular_medication')).toEqual([2, 4, 'behind']);
  });

  it('near miss: 162 of 180 doses is regular, 161 is not; says why in both languages', () => {
    const r = reasons('tb_regular_medication');
    expect(r.t1.counted).toBe(true);
    expect(r.t2.reason).toEqual({
      en: '161 of the 180 doses due taken (89.4%), under 90%',
      zh: '应服药 180 次，实际服药 161 次（89.4%），不足 90%',
    });
    // A prolonged course is judged on the doses its cards say were due, not the regimen's 180.
    expect(r.t8.reason?.en).toBe('175 of the 200 doses due taken (87.5%), under 90%');
    // The migrated card after t5's end is not among the evidence, and not counted.
    expect(r.t5.counted).toBe(true);
    expect(r.t5.evidence.map((e) => e.type)).toEqual([
      'TuberculosisPatientRegistered',
      ...six(0).map(() => 'TbMedicationRecorded'),
      'TbTreatmentEnded',
    ]);
  });

  it('near miss: on 30 June, t6 and t7 are not yet notified, t1 and t2 not yet ended', () => {
    const june = periodOf(2024, asOfInstant('2024-06-30'), TODAY);
    expect(figure('tb_management', june)).toEqual([2, 4, 'behind']);
    expect(figure('tb_regular_medication', june)).toEqual([1, 2, 'behind']);
  });

  it('says who is under treatment on a day: from the notification to the end, inclusive', () => {
    const on = (id: string, day: string) =>
      underTbTreatmentOn(residentView(model.residents.get(id)!, periodOf(2024, null, TODAY))!, day);
    expect(on('t1', '2024-02-29')).toBe(false);
    expect(on('t1', '2024-03-01')).toBe(true);
    expect(on('t1', '2024-08-28')).toBe(true);
    expect(on('t1', '2024-08-29')).toBe(false);
    expect(on('t7', '2024-12-31')).toBe(true);
    expect(on('n9', '2024-06-01')).toBe(false);
  });
});
