import { ledgerView } from '../../ledger-view';
import type { OverClaim } from '../../detection-input';
import { overClaimDetector } from './over-claim.detector';

const claim = (over: Partial<OverClaim> = {}): OverClaim => ({
  reportEventId: 'rep-1',
  unitId: 'c1',
  indicator: 'hypertension_managed',
  claimed: { numerator: 90, denominator: 100 },
  ledger: { numerator: 70, denominator: 100 },
  gap: { numerator: 20, rate: 0.2 },
  ...over,
});
const run = (overClaims?: OverClaim[]) =>
  overClaimDetector.detect({ period: 2024, view: ledgerView([]), overClaims });

describe('over-claim', () => {
  it('grades an over-claiming report, citing the report event', () => {
    const [alert] = run([claim()]);
    expect(alert).toMatchObject({
      detector: 'over-claim',
      subject: { kind: 'report', id: 'rep-1' },
      score: 20,
      severity: 'high',
      evidence: ['rep-1'],
    });
    expect(alert.explanation.en).toContain('90/100 (90.00%)');
    expect(alert.explanation.zh).toContain('70/100');
  });

  it('grades small gaps low', () => {
    const [alert] = run([
      claim({ claimed: { numerator: 71, denominator: 100 }, gap: { numerator: 1, rate: 0.01 } }),
    ]);
    expect(alert).toMatchObject({ score: 1, severity: 'low' });
  });

  it('near miss: a claim within rounding, and no reconciliation at all', () => {
    expect(
      run([
        claim({
          claimed: { numerator: 7004, denominator: 10000 },
          ledger: { numerator: 7004, denominator: 10001 },
          gap: { numerator: 0, rate: 0.00007 },
        }),
      ]),
    ).toEqual([]);
    expect(run()).toEqual([]);
  });
});
