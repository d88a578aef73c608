/**
 * over-claim — aggregate reports that claim more than the records show.
 *
 * Reads input.overClaims, which the caller computes from reconciliation (libs/audit reconcile:
 * each claim judged against the ledger as it stood when the claim was recorded). This detector
 * only grades them: a claim fires when its numerator exceeds the ledger's by at least
 * `minNumeratorGap`, or its rate by more than `rateTolerance` (rounding).
 *
 * Subject: the report (its AggregateReportSubmitted event id). Evidence: that event.
 * Score: the rate gap in percentage points (claimed − ledger; the numerator gap when neither
 * side has a denominator). Severity: high at ≥ `highPoints`, medium at ≥ `mediumPoints`, else low.
 *
 * Parameters (defaults): `minNumeratorGap` 1, `rateTolerance` 0.005, `mediumPoints` 3,
 * `highPoints` 10.
 */
import type { AlertDraft } from '../../alert';
import {
  type DetectionInput,
  type Detector,
  fmt,
  severityOf,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = { minNumeratorGap: 1, rateTolerance: 0.005, mediumPoints: 3, highPoints: 10 };
type Params = typeof DEFAULTS;

const rate = (f: { numerator: number; denominator: number }) =>
  f.denominator > 0 ? f.numerator / f.denominator : null;

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const alerts: AlertDraft[] = [];
  for (const c of input.overClaims ?? []) {
    if (!c.reportEventId) continue;
    const claimed = rate(c.claimed);
    const ledger = rate(c.ledger);
    const rateGap = claimed !== null && ledger !== null ? claimed - ledger : (c.gap.rate ?? null);
    const numeratorGap = c.claimed.numerator - c.ledger.numerator;
    const over =
      numeratorGap >= p.minNumeratorGap || (rateGap !== null && rateGap > p.rateTolerance);
    if (!over) continue;
    const score = rateGap !== null ? Number((rateGap * 100).toFixed(2)) : numeratorGap;
    const show = (n: number, d: number, r: number | null) =>
      `${n}/${d}${r === null ? '' : ` (${fmt(r * 100, 2)}%)`}`;
    alerts.push({
      detector: 'over-claim',
      subject: { kind: 'report', id: c.reportEventId },
      period: input.period,
      score,
      severity: severityOf(score, p.mediumPoints, p.highPoints),
      explanation: {
        zh: `单位 ${c.unitId} 上报 ${c.indicator} 为 ${show(c.claimed.numerator, c.claimed.denominator, claimed)}，台账仅 ${show(c.ledger.numerator, c.ledger.denominator, ledger)}`,
        en: `unit ${c.unitId} reported ${c.indicator} as ${show(c.claimed.numerator, c.claimed.denominator, claimed)}; the ledger shows ${show(c.ledger.numerator, c.ledger.denominator, ledger)}`,
      },
      evidence: [c.reportEventId],
    });
  }
  return alerts;
}

export const overClaimDetector: Detector<Params> = {
  id: 'over-claim',
  description: {
    zh: '汇总上报数高于台账记录（来自对账）',
    en: 'aggregate reports claiming more than the records show (from reconciliation)',
  },
  params: DEFAULTS,
  detect,
};
