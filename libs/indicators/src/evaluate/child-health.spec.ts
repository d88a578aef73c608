import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { SyntheticLedger } from '../testing/synthetic-events';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { type Period, asOfInstant, periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const child = (id: string, birthDate: string) =>
  rec(birthDate < '2020-01-01' ? '2020-01-01' : birthDate, {
    ...fx.resident(id, birthDate),
    occurredAt: birthDate < '2020-01-01' ? '2020-01-01' : birthDate,
  });
const visit = (residentId: string, dischargedOn: string, on: string, eyeExamined = true) =>
  rec(on, {
    type: 'RecordNewbornVisit',
    residentId,
    doctorId: 'd1',
    dischargedOn,
    eyeExamined,
    occurredAt: on,
  });
const checkup = (
  residentId: string,
  ageMonths: number,
  on: string,
  eyes: Record<string, unknown> = { eyeExamined: true },
) =>
  rec(on, {
    type: 'RecordChildCheckup',
    residentId,
    doctorId: 'd1',
    ageMonths,
    ...eyes,
    occurredAt: on,
  });

/**
 * Eight children of centre c1, counted by hand for 2024 (age on 31 December):
 *   n1 born 2024-03-01, home 03-03, visited 03-10 (day 7); checked at 1, 3, 6, 8 months, eyes
 *   n2 born 2024-05-10, home 05-12, visited 05-20 (day 8: late); checked at 1 and 6 months, not at
 *      3 (8 months falls in 2025); eyes never examined
 *   n3 born 2024-12-20, home 12-22, visited 12-26 with the eyes examined; no checkup due in 2024
 *   t1 born 2022-03-15 (2): checked at 24 and 30 months (five days early), eyes
 *   t2 born 2021-08-01 (3): checked at 36 months, eyes; 3 is not under 3
 *   k1 born 2019-05-01 (5): checked at 5 years, eyes examined but no vision test
 *   k2 born 2018-02-01 (6): checked at 6 years with the vision of both eyes
 *   k3 born 2018-10-01 (6): checked at 5 years in October 2023, nothing in 2024
 * Newborns visited within 7 days 2 / 3 (n1, n3); under 7 managed 7 / 8 (all but k3; n3 by its
 * newborn visit); under 3 at every due age 2 / 3 (n1, t1; n3 owes none yet); eyes 5 / 8 (n1,
 * n3, t1, t2, k2).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  child('n1', '2024-03-01'),
  child('n2', '2024-05-10'),
  child('n3', '2024-12-20'),
  child('t1', '2022-03-15'),
  child('t2', '2021-08-01'),
  child('k1', '2019-05-01'),
  child('k2', '2018-02-01'),
  child('k3', '2018-10-01'),
  visit('n1', '2024-03-03', '2024-03-10'),
  checkup('n1', 1, '2024-04-02'),
  checkup('n1', 3, '2024-06-03'),
  checkup('n1', 6, '2024-09-05'),
  checkup('n1', 8, '2024-11-04'),
  visit('n2', '2024-05-12', '2024-05-20', false),
  checkup('n2', 1, '2024-06-12', { eyeExamined: false }),
  checkup('n2', 6, '2024-11-12', { eyeExamined: false }),
  visit('n3', '2024-12-22', '2024-12-26'),
  checkup('t1', 24, '2024-03-20'),
  checkup('t1', 30, '2024-09-10'),
  checkup('t2', 36, '2024-08-05'),
  checkup('k1', 60, '2024-05-06'),
  checkup('k2', 72, '2024-02-05', { eyeExamined: true, visionLeft: 4.9, visionRight: 5 }),
  checkup('k3', 60, '2023-10-02', { eyeExamined: true, visionLeft: 5, visionRight: 5 }),
];

const IDS = [
  'children_newborn_visit',
  'children_health_management',
  'children_system_management',
  'children_eye_vision',
];

const figures = (model: LedgerModel, period: Period = periodOf(2024, null, TODAY)) =>
  Object.fromEntries(
    evaluatePeriod(model, HUANCUI_2024, period, TODAY)
      .rows.filter((r) => r.unitId === 'c1' && IDS.includes(r.indicatorId))
      .map((r) => [r.indicatorId, [r.numerator, r.denominator]]),
  );

const reasonOf = (model: LedgerModel, id: string, residentId: string, period?: Period) => {
  const def = HUANCUI_2024.indicators.find((d) => d.id === id)!;
  return lineage(model, def, 'c1', period ?? periodOf(2024, null, TODAY), 0, 20).entries.find(
    (e) => e.residentId === residentId,
  )?.reason;
};

describe('children 0–6: newborn visits, health management, system management, eyes', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  it('counts each indicator as counted by hand', () => {
    expect(figures(model)).toEqual({
      children_newborn_visit: [2, 3],
      children_health_management: [7, 8],
      children_system_management: [2, 3],
      children_eye_vision: [5, 8],
    });
  });

  it('near miss: a visit on day 8 after the discharge does not count, and says so', () => {
    expect(reasonOf(model, 'children_newborn_visit', 'n2')).toEqual({
      en: 'visited on day 8 after the discharge, later than day 7',
      zh: '出院后第 8 天访视，超过 7 天',
    });
  });

  it('names the due age missed, in both languages', () => {
    expect(reasonOf(model, 'children_system_management', 'n2')).toEqual({
      en: 'no checkup at 3 months',
      zh: '3 月龄未做健康检查',
    });
  });

  it('near miss: at five, eyes examined without a vision test are not an eye and vision check', () => {
    expect(reasonOf(model, 'children_eye_vision', 'k1')?.en).toBe(
      'eyes not examined (or, from 4 years, vision not tested) this year',
    );
    expect(reasonOf(model, 'children_health_management', 'k1')).toBeUndefined();
  });

  it("near miss: last year's checkup does not manage a child this year", () => {
    expect(reasonOf(model, 'children_health_management', 'k3')?.en).toBe(
      'no newborn visit or child checkup this year',
    );
  });

  it('as of 30 June: only the births and due ages reached by then', () => {
    // n3 not born yet; n2's 3-month checkup falls due in August, so n2 is seen at every age so
    // far; t2 is checked in August.
    expect(figures(model, periodOf(2024, asOfInstant('2024-06-30'), TODAY))).toEqual({
      children_newborn_visit: [1, 2],
      children_health_management: [5, 7],
      children_system_management: [3, 3],
      children_eye_vision: [3, 7],
    });
  });
});

describe('children 0–6: a migrated record with impossible dates is kept but not counted', () => {
  // What the deciders keep from a migration (DecisionContext.migrated): a newborn visit dated
  // before the birth, and a 1-month checkup dated before it too.
  const model = new LedgerModel();
  const log = new SyntheticLedger();
  log.orgUnit('2024-01-02', 'OrgUnitRegistered', {
    unitId: 'c1',
    name: 'c1',
    kind: 'community_centre',
    parentId: null,
    occurredAt: '2020-01-01',
  });
  const born = (residentId: string, birthDate: string) =>
    log.resident('2024-07-01', 'ResidentRegistered', {
      residentId,
      birthDate,
      sex: 'male',
      unitId: 'c1',
      householdId: null,
      tags: [],
      occurredAt: birthDate,
    });
  born('m1', '2024-03-10');
  born('m2', '2024-03-10');
  log.resident('2024-07-01', 'NewbornVisitRecorded', {
    residentId: 'm1',
    recordId: 'nv',
    doctorId: 'd1',
    dischargedOn: '2024-03-07',
    eyeExamined: true,
    occurredAt: '2024-03-08',
  });
  log.resident('2024-07-01', 'ChildCheckupRecorded', {
    residentId: 'm1',
    recordId: 'cc-1',
    doctorId: 'd1',
    ageMonths: 1,
    eyeExamined: true,
    occurredAt: '2024-03-09',
  });
  // Near miss: m2's visit is on the day of its discharge, two days after the birth.
  log.resident('2024-07-01', 'NewbornVisitRecorded', {
    residentId: 'm2',
    recordId: 'nv',
    doctorId: 'd1',
    dischargedOn: '2024-03-12',
    eyeExamined: true,
    occurredAt: '2024-03-12',
  });
  log.replay((e) => model.apply(e));

  it('counts neither the visit nor the checkup, for any of the four', () => {
    expect(figures(model)).toEqual({
      children_newborn_visit: [1, 2],
      children_health_management: [1, 2],
      // Nobody's 1-month checkup is possible: m1's is before the birth, m2 had none.
      children_system_management: [0, 2],
      children_eye_vision: [1, 2],
    });
    expect(reasonOf(model, 'children_newborn_visit', 'm1')?.en).toBe(
      'the newborn visit is dated before the birth or the discharge',
    );
  });
});
