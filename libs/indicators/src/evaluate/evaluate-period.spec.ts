import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { asOfInstant, periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const bp = (systolic: number, diastolic: number) => ({ systolic, diastolic });

/**
 * A hand-built centre. Counted by hand, per indicator (c1 and its district are the same):
 *   e1 1950 HTN since 2023, signed (household), complete checkup, TCM, 4 quarterly visits, 132/84
 *   e2 1955 HTN from Q3 2024: visits Q3 face-to-face + Q4 by phone (1 of 2 due), 150/95, checkup incomplete
 *   e3 1958 signed, died 2024-10-01: in no denominator
 *   y1 1990 signed (not household), contract ends 2024-12-31
 *   y2 2021 child, unsigned
 *   p1 1960 disabled, diabetes since 2023, household contract Jan–Jun renewed to Dec, 4 visits, FBG 6.5, checkup
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  rec('2020-01-01', fx.resident('e1', '1950-03-01')),
  rec('2020-01-01', fx.resident('e2', '1955-03-01')),
  rec('2020-01-01', fx.resident('e3', '1958-03-01')),
  rec('2020-01-01', fx.resident('y1', '1990-03-01')),
  rec('2021-06-01', { ...fx.resident('y2', '2021-05-01'), occurredAt: '2021-06-01' }),
  rec('2020-01-01', fx.resident('p1', '1960-03-01', 'c1', ['disabled'])),
  rec('2023-06-01', fx.enrol('e1', 'hypertension', '2023-06-01')),
  rec('2023-01-01', fx.enrol('p1', 'diabetes', '2023-01-01')),
  rec('2024-01-02', fx.targets('c1', 2024, { hypertension_target: 4, diabetes_target: 2 })),
  rec('2024-01-02', fx.contract('e1', 'k-e1', '2024-01-01', '2024-12-31', true)),
  rec('2024-01-02', fx.contract('y1', 'k-y1', '2024-01-01', '2024-12-31')),
  rec('2024-01-02', fx.contract('p1', 'k-p1', '2024-01-01', '2024-06-30', true)),
  rec('2024-03-01', fx.contract('e3', 'k-e3', '2024-03-01', '2025-02-28')),
  ...['2024-02-10', '2024-05-10', '2024-08-10', '2024-11-10'].map((d) =>
    rec(d, fx.followUp('e1', 'hypertension', d, bp(132, 84))),
  ),
  ...['2024-02-11', '2024-05-11', '2024-08-11', '2024-11-11'].map((d) =>
    rec(d, fx.followUp('p1', 'diabetes', d, { fastingGlucose: 6.5 })),
  ),
  rec('2024-05-01', fx.checkup('e1', '2024-05-01')),
  rec('2024-05-01', fx.tcm('e1', '2024-05-01')),
  rec('2024-05-02', fx.checkup('e2', '2024-05-02', false)),
  rec('2024-05-03', { ...fx.checkup('p1', '2024-05-03'), kind: 'other' }),
  rec('2024-06-20', {
    type: 'RenewContract',
    residentId: 'p1',
    contractId: 'k-p1',
    newEnd: '2024-12-31',
    occurredAt: '2024-06-20',
  }),
  rec('2024-07-15', fx.enrol('e2', 'hypertension', '2024-07-15')),
  rec('2024-08-15', fx.followUp('e2', 'hypertension', '2024-08-15', bp(150, 95))),
  rec('2024-10-01', { type: 'RecordResidentDeath', residentId: 'e3', occurredAt: '2024-10-01' }),
  rec('2024-11-15', fx.followUp('e2', 'hypertension', '2024-11-15', bp(150, 95), 'phone')),
  // Late: e2's TCM identification happened in June but reached the ledger on 20 January 2025.
  { at: '2025-01-20T02:00:00.000Z', command: fx.tcm('e2', '2024-06-01') },
];

describe('evaluatePeriod on a hand-counted centre', () => {
  let model: LedgerModel;
  let events: Awaited<ReturnType<typeof buildLedger>>['events'];
  beforeAll(async () => ({ model, events } = await buildLedger(commands)));

  const figures = (m: LedgerModel, asOf: string | null = null) => {
    const result = evaluatePeriod(m, HUANCUI_2024, periodOf(2024, asOf, TODAY), TODAY);
    return Object.fromEntries(
      result.rows
        .filter((r) => r.unitId === 'c1')
        .map((r) => [r.indicatorId, [r.numerator, r.denominator]]),
    );
  };

  it('computes each numerator and denominator as counted by hand', () => {
    expect(figures(model)).toEqual({
      signing_overall: [3, 5],
      signing_elderly: [1, 2],
      signing_hypertension: [1, 2],
      signing_diabetes: [1, 1],
      signing_children: [0, 1],
      signing_pregnant: [0, 0],
      signing_smd: [0, 0],
      signing_tb: [0, 0],
      signing_poverty_special: [0, 0],
      signing_disabled: [1, 1],
      signing_household_key: [2, 4],
      renewal: [1, 3],
      elderly_health_management: [1, 2],
      elderly_tcm: [2, 2],
      hypertension_standardised: [1, 4],
      bp_control: [1, 2],
      diabetes_standardised: [1, 2],
      glucose_control: [1, 1],
      // No health record stated or opened in this fixture: none of five is an e-record.
      ehr_standardised_rate: [0, 0],
      ehr_standardised_coverage: [0, 5],
      ehr_dynamic_use: [0, 0],
      smd_detection: [0, 5],
      smd_management: [0, 0],
      smd_standard_management: [0, 0],
      tb_management: [0, 0],
      tb_first_visit_timely: [0, 0],
      tb_regular_medication: [0, 0],
      // y2 (born 2021-05-01) reached 36 months on 2024-05-01 and had no TCM guidance.
      children_tcm: [0, 1],
      // y2 is 3 this year: a child 0–6 with no checkup (nor eye check), too old for the under-3s,
      // and nobody was born.
      children_newborn_visit: [0, 0],
      children_health_management: [0, 1],
      children_system_management: [0, 0],
      children_eye_vision: [0, 1],
      // y2 has no vaccination certificate and owed MPSV-AC 3 (three years, due 2024-06-01).
      vacc_certificate: [0, 1],
      vacc_coverage: [0, 1],
      vacc_coverage_hepb: [0, 0],
      vacc_coverage_bcg: [0, 0],
      vacc_coverage_ipv: [0, 0],
      vacc_coverage_bopv: [0, 0],
      vacc_coverage_dtap: [0, 0],
      vacc_coverage_dt: [0, 0],
      vacc_coverage_mpsv_a: [0, 0],
      vacc_coverage_mmr: [0, 0],
      vacc_coverage_je_l: [0, 0],
      vacc_coverage_mpsv_ac: [0, 1],
      vacc_coverage_hepa_l: [0, 0],
      vacc_dose_complete: [0, 0],
      // No delivery in the centre: no live births to count maternal care over.
      maternal_early_registration: [0, 0],
      maternal_postpartum_visit: [0, 0],
      maternal_system_management: [0, 0],
      // The centre recorded no activity of its own: every minimum of a centre is missed, and
      // no case or supervision report was found.
      edu_lectures: [0, 12],
      edu_consultations: [0, 9],
      edu_boards: [0, 12],
      edu_printed_kinds: [0, 12],
      edu_video_kinds: [0, 6],
      idr_reporting_rate: [0, 0],
      idr_timeliness: [0, 0],
      hsa_reports: [0, 0],
    });
  });

  it('rolls units up to the district and states rate, target, gap and status', () => {
    const rows = evaluatePeriod(model, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows;
    const district = rows.find(
      (r) => r.unitId === 'dist' && r.indicatorId === 'elderly_health_management',
    )!;
    expect(district).toMatchObject({
      numerator: 1,
      denominator: 2,
      rate: 0.5,
      target: 0.64,
      gap: 1,
      status: 'behind',
    });
    const glucose = rows.find((r) => r.unitId === 'dist' && r.indicatorId === 'glucose_control')!;
    expect(glucose).toMatchObject({ rate: 1, target: 0.35, gap: 0, status: 'met' });
    expect(
      rows.find((r) => r.unitId === 'dist' && r.indicatorId === 'signing_pregnant')!.status,
    ).toBe('no_data');
    // "2023 rate + 3 pp": nobody was signed in 2023, so the 2024 target is 3 %.
    expect(
      rows.find((r) => r.unitId === 'dist' && r.indicatorId === 'signing_overall')!.target,
    ).toBeCloseTo(0.03);
  });

  it('as of a date, a late record does not count yet; today it does', () => {
    expect(figures(model, asOfInstant('2025-01-15')).elderly_tcm).toEqual([1, 2]);
    expect(figures(model, asOfInstant('2025-01-20')).elderly_tcm).toEqual([2, 2]);
    expect(figures(model).elderly_tcm).toEqual([2, 2]);
  });

  it('as of a date inside the year, counts what had happened and was known by then', () => {
    const mid = figures(model, asOfInstant('2024-06-30'));
    // e3 was alive then; p1's contract in force; e2 not yet enrolled.
    expect(mid.signing_overall).toEqual([4, 6]);
    expect(mid.signing_hypertension).toEqual([1, 1]);
    // By 30 June two quarters of follow-ups are due: e1 has them, p1 has them.
    expect(mid.hypertension_standardised).toEqual([1, 4]);
  });

  it('is idempotent: every event applied twice gives the same figures', () => {
    const twice = new LedgerModel();
    events.forEach((e) => twice.apply(e));
    events.forEach((e) => expect(twice.apply(e)).toBe(false));
    expect(figures(twice)).toEqual(figures(model));
  });

  it('traces a number to the residents and events behind it, and says why others do not count', () => {
    const def = HUANCUI_2024.indicators.find((d) => d.id === 'hypertension_standardised')!;
    const page = lineage(model, def, 'dist', periodOf(2024, null, TODAY), 0, 10);
    expect(page).toMatchObject({ counted: 1, notCounted: 1 });
    const [e1, e2] = page.entries;
    expect(e1).toMatchObject({ residentId: 'e1', counted: true });
    const positions = new Set(
      events
        .filter(
          (e) =>
            e.streamId === 'resident-e1' &&
            ['ChronicCareEnrolled', 'FollowUpRecorded', 'CheckupRecorded'].includes(e.type),
        )
        .map((e) => e.position),
    );
    expect(new Set(e1.evidence.map((r) => r.position))).toEqual(positions);
    expect(e1.evidence[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e2).toMatchObject({
      residentId: 'e2',
      counted: false,
      reason: { en: '1 of the 2 face-to-face follow-ups due' },
    });
  });
});

describe('assigned targets', () => {
  it("take a unit's own sheet for its subtree, else the sum of its children", async () => {
    const { model } = await buildLedger([
      rec('2020-01-01', fx.district()),
      rec('2020-01-01', fx.centre('c1')),
      rec('2020-01-01', fx.centre('c2')),
      rec('2024-01-02', fx.targets('c1', 2024, { hypertension_target: 40 })),
      rec('2024-01-02', fx.targets('c2', 2024, { hypertension_target: 60 })),
    ]);
    const rows = () => evaluatePeriod(model, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows;
    const denominator = (unitId: string) =>
      rows().find((r) => r.unitId === unitId && r.indicatorId === 'hypertension_standardised')!
        .denominator;
    expect([denominator('c1'), denominator('c2'), denominator('dist')]).toEqual([40, 60, 100]);
    const { model: withTotal } = await buildLedger([
      rec('2020-01-01', fx.district()),
      rec('2020-01-01', fx.centre('c1')),
      rec('2024-01-02', fx.targets('c1', 2024, { hypertension_target: 40 })),
      rec('2024-01-02', fx.targets('dist', 2024, { hypertension_target: 45 })),
    ]);
    const r = evaluatePeriod(withTotal, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows;
    expect(
      r.find((x) => x.unitId === 'dist' && x.indicatorId === 'hypertension_standardised')!
        .denominator,
    ).toBe(45);
  });
});

describe('a signing task on the target sheet', () => {
  it('sets the overall signing target instead of last year + 3 pp: the gap is what is left of it', async () => {
    const { model } = await buildLedger([
      ...commands,
      rec('2024-01-03', fx.targets('c1', 2024, { signing: 4 })),
    ]);
    const rows = evaluatePeriod(model, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows;
    const signing = (unitId: string) =>
      rows.find((r) => r.unitId === unitId && r.indicatorId === 'signing_overall')!;
    // 3 of 5 residents signed; the centre was asked for 4, and the district holds no sheet of its own.
    expect(signing('c1')).toMatchObject({ numerator: 3, denominator: 5, gap: 1, status: 'behind' });
    expect(signing('c1').target).toBeCloseTo(0.8);
    expect(signing('dist').target).toBeCloseTo(0.8);
    // Only the indicator naming the task takes it; the others keep the catalog's target.
    expect(rows.find((r) => r.unitId === 'c1' && r.indicatorId === 'signing_elderly')!.target).toBe(
      0.88,
    );
  });
});
