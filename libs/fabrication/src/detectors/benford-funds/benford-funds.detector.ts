/**
 * benford-funds — fund amounts whose first digits depart from Benford's law.
 *
 * Reads events of type 'FundsDisbursed' (data.amountFen: integer fen; data.fromUnitId,
 * data.toUnitId) dated in the period. The ledger has no fund events yet, so on a real log this
 * returns nothing; the specs use hand-made events.
 *
 * Per paying unit (fromUnitId — the unit whose disbursement records are examined), with at least
 * `minAmounts` positive amounts: the first significant digit's observed proportions against
 * Benford's log10(1 + 1/d), and Nigrini's mean absolute deviation MAD = mean over d = 1..9 of
 * |observed − expected|. Nigrini's first-digit conformity bands: ≤ 0.006 close, ≤ 0.012
 * acceptable, ≤ 0.015 marginally acceptable, > 0.015 nonconformity. MAD is used rather than a
 * chi-square because with large counts a chi-square rejects even trivial departures.
 *
 * Subject: the paying unit. Evidence: the disbursements whose first digit is the most
 * over-represented relative to Benford. Score: the MAD. Severity: fires above `madNonconformity`
 * (medium); high at ≥ `highMad`.
 *
 * Parameters (defaults): `minAmounts` 100, `madNonconformity` 0.015, `highMad` 0.03.
 */
import { chinaDay } from '@libs/records/rules/dates';
import type { AlertDraft } from '../../alert';
import {
  type DetectionInput,
  type Detector,
  fmt,
  inPeriod,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = { minAmounts: 100, madNonconformity: 0.015, highMad: 0.03 };
type Params = typeof DEFAULTS;

export const BENFORD = Array.from({ length: 10 }, (_, d) => (d === 0 ? 0 : Math.log10(1 + 1 / d)));

const firstDigit = (n: number): number => Number(String(Math.floor(Math.abs(n)))[0]);

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const byUnit = new Map<string, { counts: number[]; ids: string[][] }>();
  for (const e of input.view.funds) {
    if (e.type !== 'FundsDisbursed') continue;
    const amount = e.data.amountFen;
    const unitId = e.data.fromUnitId;
    if (typeof amount !== 'number' || !(amount >= 1) || typeof unitId !== 'string') continue;
    if (!inPeriod(chinaDay(e.occurredAt), input.period)) continue;
    let u = byUnit.get(unitId);
    if (!u) {
      u = { counts: new Array(10).fill(0), ids: Array.from({ length: 10 }, () => []) };
      byUnit.set(unitId, u);
    }
    const d = firstDigit(amount);
    u.counts[d] += 1;
    u.ids[d].push(e.eventId);
  }
  const alerts: AlertDraft[] = [];
  for (const [unitId, u] of byUnit) {
    const n = u.counts.reduce((a, b) => a + b, 0);
    if (n < p.minAmounts) continue;
    let mad = 0;
    let worst = 1;
    for (let d = 1; d <= 9; d++) {
      const dev = u.counts[d] / n - BENFORD[d];
      mad += Math.abs(dev) / 9;
      if (dev > u.counts[worst] / n - BENFORD[worst]) worst = d;
    }
    if (mad <= p.madNonconformity) continue;
    const obs = (100 * u.counts[worst]) / n;
    alerts.push({
      detector: 'benford-funds',
      subject: { kind: 'unit', id: unitId },
      period: input.period,
      score: Number(mad.toFixed(4)),
      severity: mad >= p.highMad ? 'high' : 'medium',
      explanation: {
        zh: `${n} 笔拨付金额首位数字偏离本福特分布（MAD ${fmt(mad, 4)} > ${p.madNonconformity}）；首位为 ${worst} 的占 ${fmt(obs)}%，应约 ${fmt(BENFORD[worst] * 100)}%`,
        en: `first digits of ${n} disbursements depart from Benford's law (MAD ${fmt(mad, 4)} > ${p.madNonconformity}); ${fmt(obs)}% start with ${worst}, about ${fmt(BENFORD[worst] * 100)}% expected`,
      },
      evidence: u.ids[worst],
    });
  }
  return alerts;
}

export const benfordFundsDetector: Detector<Params> = {
  id: 'benford-funds',
  description: {
    zh: '拨付资金金额首位数字偏离本福特定律（Nigrini MAD 一致性标准）',
    en: "first digits of fund amounts departing from Benford's law (Nigrini's MAD conformity bands)",
  },
  params: DEFAULTS,
  detect,
};
