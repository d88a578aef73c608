import { buildLedger, fx } from '@libs/indicators/testing/ledger-fixture';
import type { LedgerModel } from '@libs/indicators';
import { type SubmittedReport, reconcile } from './reconcile';

const TODAY = '2024-12-31';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const report = (
  claim: { numerator: number; denominator: number },
  recordedAt = '2024-03-10T02:00:00.000Z',
  over: Partial<SubmittedReport> = {},
): SubmittedReport => ({
  reportId: 'rep-1',
  unitId: 'c1',
  period: 2024,
  asOfDay: null,
  claims: [{ indicator: 'elderly_health_management', ...claim }],
  recordedAt,
  actor: 'centre-clerk',
  position: 1,
  ...over,
});

/** c1: four residents 65+; two complete checkups known by 10 March, a third recorded on 20 March. */
describe('reconcile: claims against the ledger as of the claim', () => {
  let model: LedgerModel;
  beforeAll(async () => {
    ({ model } = await buildLedger([
      rec('2020-01-01', fx.district()),
      rec('2020-01-01', fx.centre()),
      rec('2020-01-01', fx.team()),
      rec('2020-01-01', fx.doctor()),
      ...['e1', 'e2', 'e3', 'e4'].map((id) => rec('2020-01-01', fx.resident(id, '1950-03-01'))),
      rec('2024-02-01', fx.checkup('e1', '2024-02-01')),
      rec('2024-03-01', fx.checkup('e2', '2024-03-01')),
      // Back-dated: happened "in February", recorded after the report.
      rec('2024-03-20', fx.checkup('e3', '2024-02-15')),
    ]));
  });

  it('flags an over-claim and lists the gap', () => {
    const [line] = reconcile(model, [report({ numerator: 3, denominator: 4 })], TODAY);
    expect(line).toMatchObject({
      overClaim: true,
      claimed: { numerator: 3, denominator: 4, rate: 0.75 },
      ledger: { numerator: 2, denominator: 4, rate: 0.5 },
      gap: { numerator: 1, rate: 0.25 },
      day: '2024-03-10',
    });
    expect(line.reasons.map((r) => r.en).join(' ')).toMatch(/claims 3 but the records show 2/);
    expect(line.reasons[0].zh).toContain('多报 1');
  });

  it('near miss: an honest claim is not flagged', () => {
    const [line] = reconcile(model, [report({ numerator: 2, denominator: 4 })], TODAY);
    expect(line).toMatchObject({ overClaim: false, gap: { numerator: 0, rate: 0 }, reasons: [] });
  });

  it('a record added after the claim does not excuse it', () => {
    const [line] = reconcile(model, [report({ numerator: 3, denominator: 4 })], TODAY);
    expect(line.ledger.numerator).toBe(2);
    const [later] = reconcile(
      model,
      [report({ numerator: 3, denominator: 4 }, '2024-03-21T02:00:00.000Z')],
      TODAY,
    );
    expect(later).toMatchObject({ overClaim: false, ledger: { numerator: 3 } });
  });

  it('flags a rate inflated by a smaller denominator, though the count matches', () => {
    const [line] = reconcile(model, [report({ numerator: 2, denominator: 3 })], TODAY);
    expect(line.overClaim).toBe(true);
    expect(line.gap.numerator).toBe(0);
    expect(line.reasons[0].en).toMatch(/rate of 66.67% but the records give 50.00%/);
  });

  it('near miss: a rate above the ledger by no more than the tolerance is not flagged', () => {
    const [line] = reconcile(model, [report({ numerator: 2, denominator: 4 })], TODAY, 0);
    expect(line.overClaim).toBe(false);
    expect(
      reconcile(
        model,
        [report({ numerator: 200, denominator: 399 })],
        TODAY,
        0.005,
      )[0].reasons.some((r) => r.en.includes('rate')),
    ).toBe(false);
  });

  it('takes the figures on the claimed day when it is earlier than the recording', () => {
    const [line] = reconcile(
      model,
      [
        report({ numerator: 2, denominator: 4 }, '2024-03-10T02:00:00.000Z', {
          asOfDay: '2024-02-10',
        }),
      ],
      TODAY,
    );
    expect(line).toMatchObject({ day: '2024-02-10', overClaim: true, ledger: { numerator: 1 } });
  });
});
