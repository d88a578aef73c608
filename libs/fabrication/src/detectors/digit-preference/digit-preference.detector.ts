/**
 * digit-preference — blood pressure written rather than measured, per doctor.
 *
 * 1. Terminal digit preference: the last digits of all systolic and diastolic values the doctor
 *    recorded (live follow-ups and checkups dated in the period) against a uniform distribution
 *    over 0–9, Pearson chi-square with 9 degrees of freedom. Needs at least `minReadings` values;
 *    fires when p < `alpha`. An automated or carefully read sphygmomanometer gives roughly
 *    uniform end digits; "130/80" everywhere gives a large excess of 0 (and 5). Score: the
 *    chi-square statistic; severity high when p < `highP`, else medium. Evidence: the records
 *    with a value ending in the most over-represented digit.
 * 2. Fudging ratio (Simple's BP fudging indicator): among the doctor's hypertension follow-ups,
 *    systolic 130–139 against 140–149 — readings nudged just under the 140 control threshold
 *    make the first band swell. Needs at least `minBand` readings in 130–149; fires when the ratio
 *    ≥ `fudgingRatio` and a one-sided binomial test against the share an honest ratio of
 *    `honestRatio` gives (p₀ = honestRatio / (1 + honestRatio)) has p < `alpha`. Score: the
 *    ratio; severity high when ≥ `highFudgingRatio`, else medium. Evidence: the 130–139 records.
 *
 * Both tests run for every doctor of the district, often a thousand or more: at a fixed p < 0.001
 * each, a clean district year raised one or two alerts by chance alone (a doctor whose 900 values
 * ended in 7 a little too often, p = 1.8e-4). So `alpha` bounds the chance of *any* false alert
 * in the run (family-wise, Holm's step-down over all tests made): the smallest p must be below
 * alpha / m, the next below alpha / (m − 1), and so on, m being the number of tests made.
 *
 * Subject: the doctor.
 *
 * Parameters (defaults): `minReadings` 50, `alpha` 0.001, `highP` 1e-9, `minBand` 40,
 * `fudgingRatio` 2, `honestRatio` 1.5, `highFudgingRatio` 3.
 */
import type { AlertDraft } from '../../alert';
import {
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  binomialUpperP,
  chiSquareP,
  fmt,
  ledgerView,
  vitalsOf,
  withDefaults,
} from '../../detection-input';
import { keepByHolm } from '../../stats/holm';

const DEFAULTS = {
  minReadings: 50,
  alpha: 0.001,
  highP: 1e-9,
  minBand: 40,
  fudgingRatio: 2,
  honestRatio: 1.5,
  highFudgingRatio: 3,
};
type Params = typeof DEFAULTS;

interface DoctorTally {
  digits: number[];
  /** Records with a value ending in each digit. */
  byDigit: ServiceRecord[][];
  low: ServiceRecord[];
  high: number;
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = ledgerView(input.events);
  const tallies = new Map<string, DoctorTally>();
  for (const r of view.records) {
    if (r.voided || !r.doctorId || r.year !== input.period) continue;
    if (r.type !== 'FollowUpRecorded' && r.type !== 'CheckupRecorded') continue;
    const v = vitalsOf(r);
    if (v.systolic === undefined && v.diastolic === undefined) continue;
    let t = tallies.get(r.doctorId);
    if (!t) {
      t = {
        digits: new Array(10).fill(0),
        byDigit: Array.from({ length: 10 }, () => []),
        low: [],
        high: 0,
      };
      tallies.set(r.doctorId, t);
    }
    const ds = v.systolic !== undefined && Number.isInteger(v.systolic) ? v.systolic % 10 : -1;
    const dd = v.diastolic !== undefined && Number.isInteger(v.diastolic) ? v.diastolic % 10 : -1;
    if (ds >= 0) {
      t.digits[ds] += 1;
      t.byDigit[ds].push(r);
    }
    if (dd >= 0) {
      t.digits[dd] += 1;
      if (dd !== ds) t.byDigit[dd].push(r);
    }
    if (r.type === 'FollowUpRecorded' && r.fields.condition === 'hypertension' && v.systolic) {
      if (v.systolic >= 130 && v.systolic <= 139) t.low.push(r);
      else if (v.systolic >= 140 && v.systolic <= 149) t.high += 1;
    }
  }
  const candidates: { pValue: number; alert: AlertDraft }[] = [];
  let tests = 0;
  for (const [doctorId, t] of tallies) {
    const n = t.digits.reduce((a, b) => a + b, 0);
    if (n >= p.minReadings) {
      tests += 1;
      const e = n / 10;
      const chi2 = t.digits.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
      const pValue = chiSquareP(chi2, 9);
      if (pValue < p.alpha) {
        const top = t.digits.indexOf(Math.max(...t.digits));
        const share = (100 * t.digits[top]) / n;
        candidates.push({
          pValue,
          alert: {
            detector: 'digit-preference',
            subject: { kind: 'doctor', id: doctorId },
            period: input.period,
            score: Number(chi2.toFixed(2)),
            severity: pValue < p.highP ? 'high' : 'medium',
            explanation: {
              zh: `该医生 ${n} 个血压值中 ${fmt(share)}% 以 ${top} 结尾（均匀分布应为 10%），卡方 ${fmt(chi2)}，p = ${pValue.toExponential(1)}`,
              en: `${fmt(share)}% of the doctor's ${n} BP values end in ${top} (10% expected), chi-square ${fmt(chi2)}, p = ${pValue.toExponential(1)}`,
            },
            evidence: t.byDigit[top].flatMap((r) => r.evidence),
          },
        });
      }
    }
    const band = t.low.length + t.high;
    if (band >= p.minBand && t.low.length > 0) {
      tests += 1;
      const ratio = t.high === 0 ? Infinity : t.low.length / t.high;
      const p0 = p.honestRatio / (1 + p.honestRatio);
      const pValue = binomialUpperP(t.low.length, band, p0);
      if (ratio >= p.fudgingRatio && pValue < p.alpha) {
        const score = Number.isFinite(ratio) ? Number(ratio.toFixed(2)) : t.low.length;
        candidates.push({
          pValue,
          alert: {
            detector: 'digit-preference',
            subject: { kind: 'doctor', id: doctorId },
            period: input.period,
            score,
            severity: ratio >= p.highFudgingRatio ? 'high' : 'medium',
            explanation: {
              zh: `高血压随访收缩压 130–139 有 ${t.low.length} 次、140–149 仅 ${t.high} 次（比值 ${fmt(ratio, 2)}），疑似将读数压到控制线以下`,
              en: `hypertension follow-ups: systolic 130–139 ${t.low.length} times against 140–149 ${t.high} times (ratio ${fmt(ratio, 2)}), readings nudged under the control threshold`,
            },
            evidence: t.low.flatMap((r) => r.evidence),
          },
        });
      }
    }
  }
  return keepByHolm(candidates, tests, p.alpha).map((c) => c.alert);
}

export const digitPreferenceDetector: Detector<Params> = {
  id: 'digit-preference',
  description: {
    zh: '医生记录的血压尾数偏好（卡方检验）及收缩压 130–139 与 140–149 之比（Simple 的“凑数”指标）',
    en: "terminal digit preference in a doctor's BP readings (chi-square against uniform) and Simple's fudging ratio (systolic 130–139 against 140–149)",
  },
  params: DEFAULTS,
  detect,
};
