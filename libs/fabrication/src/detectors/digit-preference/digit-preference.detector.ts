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
 * 2. Readings nudged under the control threshold (Simple's BP fudging indicator, made exact):
 *    among the doctor's hypertension follow-ups, systolic 130–139 against 140–149 and diastolic
 *    80–89 against 90–99. The reference is the district's own: every other doctor's readings in
 *    the same bands this period. Each band is an exact one-sided binomial test of the doctor's
 *    share below the threshold against the district's share; the two are combined by Fisher's
 *    method, so about `minBand` (20) readings in the bands suffice when both lean the same way.
 *    The same test is made at the edges (135–139 : 140–144, 85–89 : 90–94): a doctor whose
 *    patients run lower shifts the whole curve, smooth at the line; nudging empties the values
 *    just above it (patients' readings repeat, so the wide bands alone overstate the evidence),
 *    and nudging only some patients shows at the edges long before the wide bands. The look
 *    with the smaller p leads, its p doubled (two looks); it fires when that p survives Holm at
 *    `bandAlpha`, the other look agrees (p < `edgeAlpha`), and the leading look's below:above
 *    ratio is ≥ `fudgingRatio` × the district's in the band that says most. Over the district
 *    year with seed 7, one doctor nudging one patient in three had edges p = 9.5e-8 (wide bands
 *    4.7e-5, too weak alone among 558 doctors); the strongest honest edge was 2.3e-3. Score: the
 *    lift; severity high when ≥ `highFudgingRatio`, else medium. Evidence: the readings just
 *    below the threshold.
 *
 * Both tests run for every doctor of the district, often a thousand or more: at a fixed p < 0.001
 * each, a clean district year raised one or two alerts by chance alone (a doctor whose 900 values
 * ended in 7 a little too often, p = 1.8e-4). So each test's alpha bounds the chance of *any*
 * false alert in the run (family-wise, Holm's step-down over all the doctors tested): `alpha`
 * 0.001 for end digits and `bandAlpha` 0.01 for the bands. The bands' family alpha was 0.001
 * until the district year's subtle case (one patient in three nudged, a doctor with 173
 * follow-ups) came out at p = 1e-5, under Holm's bar among ~900 doctors at 0.001 (1.1e-6) but not
 * at 0.01; the honest extreme at that level was one band alone (44 diastolics at 85–89 against 7
 * at 90–94, systolic unremarkable). Nudging moves whichever reading is over its line, and a
 * patient over one is usually near the other, so both bands must lean the same way on their own
 * (each p < `bothBandsAlpha`, 0.05): the honest one-band extreme stays quiet at the looser
 * family alpha. Measured on seed 7's planted district year and the clean seed 1 year: every
 * band case found, 0 alerts on the clean year. Combining both bands is what still lets about
 * twenty nudged readings through.
 *
 * Subject: the doctor.
 *
 * Parameters (defaults): `minReadings` 50, `alpha` 0.001, `highP` 1e-9, `minBand` 20,
 * `fudgingRatio` 2, `bandAlpha` 0.01, `edgeAlpha` 0.01, `bothBandsAlpha` 0.05,
 * `highFudgingRatio` 3.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  chiSquareP,
  fmt,
  vitalsOf,
  withDefaults,
} from '../../detection-input';
import { keepByHolm } from '../../stats/holm';
import { type BandTally, emptyBands, judgeBands, tallyBands } from './threshold-bands';

const DEFAULTS = {
  minReadings: 50,
  alpha: 0.001,
  highP: 1e-9,
  minBand: 20,
  fudgingRatio: 2,
  bandAlpha: 0.01,
  edgeAlpha: 0.01,
  bothBandsAlpha: 0.05,
  highFudgingRatio: 3,
};
type Params = typeof DEFAULTS;

interface DoctorTally {
  digits: number[];
  /** Records with a value ending in each digit. */
  byDigit: ServiceRecord[][];
  bands: BandTally;
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const tallies = new Map<string, DoctorTally>();
  const district = emptyBands();
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
        bands: emptyBands(),
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
    if (r.type === 'FollowUpRecorded' && r.condition === 'hypertension') {
      tallyBands(t.bands, r, v.systolic, v.diastolic);
      tallyBands(district, r, v.systolic, v.diastolic);
    }
  }
  const candidates: { pValue: number; alert: AlertDraft }[] = [];
  const bandCandidates: { pValue: number; alert: AlertDraft }[] = [];
  let tests = 0;
  let bandTests = 0;
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
            evidence: t.byDigit[top].flatMap(evidenceOf),
          },
        });
      }
    }
    const b = t.bands;
    if (b.sysLow.length + b.sysHigh + b.diaLow.length + b.diaHigh >= p.minBand) {
      bandTests += 1;
      const { wide, edge } = judgeBands(b, district);
      // Two looks at one habit: the stronger leads (its p doubled, Bonferroni over the two)
      // and the other must agree; the leading look's lift is the effect's size.
      const [lead, other] = edge.pValue < wide.pValue ? [edge, wide] : [wide, edge];
      const pValue = Math.min(1, 2 * lead.pValue);
      if (
        lead.lift >= p.fudgingRatio &&
        pValue < p.bandAlpha &&
        other.pValue < p.edgeAlpha &&
        lead.weakerBandP < p.bothBandsAlpha
      ) {
        const { band, low, high, lift, below, above } = lead;
        const [zhBand, enBand] =
          band === 'systolic' ? ['收缩压', 'systolic'] : ['舒张压', 'diastolic'];
        const mine = high === 0 ? '∞' : fmt(low / high, 2);
        const ref = fmt(lead.referenceRatio, 2);
        bandCandidates.push({
          pValue,
          alert: {
            detector: 'digit-preference',
            subject: { kind: 'doctor', id: doctorId },
            period: input.period,
            score: Number.isFinite(lift) ? Number(lift.toFixed(2)) : low,
            severity: lift >= p.highFudgingRatio ? 'high' : 'medium',
            explanation: {
              zh: `高血压随访${zhBand} ${below} 有 ${low} 次、${above} 仅 ${high} 次（比值 ${mine}，全区其他医生为 ${ref}），精确检验合并 p = ${pValue.toExponential(1)}，疑似将读数压到控制线以下`,
              en: `hypertension follow-ups: ${enBand} ${below} ${low} times against ${above} ${high} times (ratio ${mine}; the district's other doctors ${ref}), combined exact test p = ${pValue.toExponential(1)}: readings nudged under the control threshold`,
            },
            evidence: [...new Set([...b.sysLow, ...b.diaLow])].flatMap(evidenceOf),
          },
        });
      }
    }
  }
  return [
    ...keepByHolm(candidates, tests, p.alpha),
    ...keepByHolm(bandCandidates, bandTests, p.bandAlpha),
  ].map((c) => c.alert);
}

export const digitPreferenceDetector: Detector<Params> = {
  id: 'digit-preference',
  description: {
    zh: '医生记录的血压尾数偏好（卡方检验），以及读数压到控制线以下：收缩压 130–139 对 140–149、舒张压 80–89 对 90–99，与全区其他医生相比（精确检验）',
    en: "terminal digit preference in a doctor's BP readings (chi-square against uniform), and readings nudged under the control threshold: systolic 130–139 against 140–149 and diastolic 80–89 against 90–99, against the district's other doctors (exact tests)",
  },
  params: DEFAULTS,
  detect,
};
