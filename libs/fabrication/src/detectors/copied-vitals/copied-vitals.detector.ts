/**
 * copied-vitals — identical vital-sign sets repeated beyond what chance allows.
 *
 * A reading is the set of values present on a live follow-up or checkup dated in the period:
 * systolic, diastolic, fasting glucose, weight (height is excluded: it does not change). Two
 * readings are copies when they have the same fields with exactly the same values.
 *
 * Chance is judged against the recording doctor's own habits: each field's value frequency among
 * all of that doctor's readings in the period (so a doctor who writes 130/80 for everyone is not
 * accused of copying by this detector — digit-preference covers that), fields treated as
 * independent, q = Π p(field = value).
 *
 * 1. Within a patient: `k` ≥ `minVisits` readings of one resident are copies, among the `V`
 *    readings of that resident with the same fields. A person's readings are closer together
 *    than the doctor's panel, so each field's probability is inflated by `withinInflation` and
 *    floored at `withinFloor` (a person's own visit-to-visit spread: SD ≈ 9 mmHg systolic, 6
 *    diastolic, 0.8 kg, ~1 mmol/L make an exact repeat ≈ 0.05 likely), capped at 1. p = P(Binomial(V − 1, q) ≥ k − 1): given one, how likely the others match.
 *    Fires when p < `alpha`. Needs at least `minFieldsWithin` fields (a BP pair is enough).
 * 2. Across a doctor's patients: one tuple of at least `minFieldsAcross` fields recorded for
 *    `k` ≥ `minPatients` distinct residents, out of the doctor's R residents with readings of that
 *    shape, each with m̄ readings on average: p = P(Binomial(R − 1, min(1, m̄ q)) ≥ k − 1), times
 *    the number of distinct tuples the doctor recorded (Bonferroni). Fires when p < `alpha`.
 *
 * 3. The blood-pressure pair alone across a doctor's patients (glucose and weight left to vary):
 *    at least `minPairPatients` residents share the exact pair, judged against how often the
 *    district's other doctors wrote it (see bp-pairs.ts); family-wise over the doctors tested
 *    (Holm at `pairAlpha`). Round pairs are digit-preference's.
 *
 * Subjects: the resident (within a patient), the doctor (across patients, and BP pairs). Evidence: the copied
 * records (with corrections). Score: the number of copies (visits, or residents). Severity: high
 * when the score ≥ `highCopies` or p < `highP`, otherwise medium.
 *
 * Parameters (defaults): `minVisits` 3, `minPatients` 3, `minFieldsWithin` 2,
 * `minFieldsAcross` 3, `withinInflation` 2, `withinFloor` 0.05, `alpha` 1e-5, `highCopies` 6, `highP` 1e-12,
 * `minPairPatients` 5, `pairAlpha` 0.05.
 *
 * Why 0.05 for the pairs, family-wise: the test is exact and calibrated (over the district year
 * with seed 7 the honest doctors' best pairs gave p ≥ 0.03 among 76 doctors tested, as chance
 * gives), and its power is what limits it: a pair near the district's mode copied onto 8 of a
 * doctor's 300 patients has p ≈ 1e-4 after the correction for the pairs the doctor wrote. At
 * 0.001 three of thirteen such doctors were missed; at 0.05 one (p = 3e-3, 138/76 on 8 patients),
 * and a clean district year stays quiet with 95% certainty — an alert here asks a supervisor to
 * look at eight named records, not to sanction.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  binomialUpperP,
  fmt,
  vitalsOf,
  withDefaults,
} from '../../detection-input';
import { keepByHolm } from '../../stats/holm';
import { bpPairCopies } from './bp-pairs';

const DEFAULTS = {
  minVisits: 3,
  minPatients: 3,
  minFieldsWithin: 2,
  minFieldsAcross: 3,
  withinInflation: 2,
  withinFloor: 0.05,
  alpha: 1e-5,
  highCopies: 6,
  highP: 1e-12,
  minPairPatients: 5,
  pairAlpha: 0.05,
};
type Params = typeof DEFAULTS;

const FIELDS = ['systolic', 'diastolic', 'fastingGlucose', 'weightKg'] as const;
const SHORT: Record<(typeof FIELDS)[number], string> = {
  systolic: 'SBP',
  diastolic: 'DBP',
  fastingGlucose: 'FPG',
  weightKg: 'kg',
};

/**
 * One reading, kept small: a district has ~300,000 of them and they all live at once. Which
 * fields are present is a bit mask (FIELDS order); the values stay in the record's readings.
 */
interface Reading {
  r: ServiceRecord;
  doctorId: string;
  /** Bit i set: FIELDS[i] is present. */
  shape: number;
  /** The values present, as one string: equal keys (and shapes) are copies. */
  key: string;
  /** How many fields are present. */
  size: number;
}

/** The (field, value) pairs of a reading. */
const valuesOf = (x: Reading): [string, number][] =>
  FIELDS.filter((_, i) => x.shape & (1 << i)).map((f) => [f, vitalsOf(x.r)[f]!]);

/**
 * Readings grouped by owner (resident or doctor), then by shape: two small maps instead of a
 * joined "owner + shape" key string per reading (300,000 of them over a district).
 */
function* groupedTwice(readings: Reading[], ownerOf: (x: Reading) => string) {
  const byOwner = new Map<string, Map<number, Reading[]>>();
  for (const x of readings) {
    const owner = ownerOf(x);
    let shapes = byOwner.get(owner);
    if (!shapes) byOwner.set(owner, (shapes = new Map()));
    const g = shapes.get(x.shape);
    if (g) g.push(x);
    else shapes.set(x.shape, [x]);
  }
  for (const shapes of byOwner.values()) yield* shapes.values();
}

function describe(values: [string, number][]): string {
  return values.map(([f, v]) => `${SHORT[f as (typeof FIELDS)[number]]} ${v}`).join(' ');
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const readings: Reading[] = [];
  // doctor → field → value → count, and doctor → field → total.
  const freq = new Map<string, Map<string, Map<number, number>>>();
  const totals = new Map<string, Map<string, number>>();
  for (const r of view.records) {
    if (r.voided || !r.doctorId || r.year !== input.period) continue;
    if (r.type !== 'FollowUpRecorded' && r.type !== 'CheckupRecorded') continue;
    const v = vitalsOf(r);
    let shape = 0;
    let size = 0;
    let key = '';
    let df = freq.get(r.doctorId);
    let dt = totals.get(r.doctorId);
    for (let i = 0; i < FIELDS.length; i++) {
      const f = FIELDS[i];
      const x = v[f];
      key += x === undefined ? '|' : `${x}|`;
      if (x === undefined) continue;
      shape |= 1 << i;
      size += 1;
      if (!df || !dt) {
        freq.set(r.doctorId, (df = new Map()));
        totals.set(r.doctorId, (dt = new Map()));
      }
      let m = df.get(f);
      if (!m) df.set(f, (m = new Map()));
      m.set(x, (m.get(x) ?? 0) + 1);
      dt.set(f, (dt.get(f) ?? 0) + 1);
    }
    if (size === 0) continue;
    readings.push({ r, doctorId: r.doctorId, shape, key, size });
  }
  const prob = (doctorId: string, values: [string, number][], inflation: number, floor: number) => {
    let q = 1;
    for (const [f, x] of values) {
      const pf = (freq.get(doctorId)!.get(f)!.get(x) ?? 0) / totals.get(doctorId)!.get(f)!;
      q *= Math.min(1, Math.max(floor, pf * inflation));
    }
    return q;
  };
  const alerts: AlertDraft[] = [];
  const push = (
    kind: 'resident' | 'doctor',
    id: string,
    list: Reading[],
    k: number,
    pValue: number,
    text: { zh: string; en: string },
  ) =>
    alerts.push({
      detector: 'copied-vitals',
      subject: { kind, id },
      period: input.period,
      score: k,
      severity: k >= p.highCopies || pValue < p.highP ? 'high' : 'medium',
      explanation: text,
      evidence: list.flatMap((x) => evidenceOf(x.r)),
    });

  // 1. Within a patient.
  const byResidentShape = groupedTwice(
    readings.filter((x) => x.size >= p.minFieldsWithin),
    (x) => x.r.residentId,
  );
  for (const group of byResidentShape) {
    if (group.length < p.minVisits) continue;
    const byKey = new Map<string, Reading[]>();
    for (const x of group) {
      const g = byKey.get(x.key);
      if (g) g.push(x);
      else byKey.set(x.key, [x]);
    }
    for (const copies of byKey.values()) {
      const k = copies.length;
      if (k < p.minVisits) continue;
      const values = valuesOf(copies[0]);
      const q = prob(copies[0].doctorId, values, p.withinInflation, p.withinFloor);
      const pValue = binomialUpperP(k - 1, group.length - 1, q);
      if (pValue >= p.alpha) continue;
      const what = describe(values);
      push('resident', copies[0].r.residentId, copies, k, pValue, {
        zh: `同一居民 ${group.length} 次就诊中有 ${k} 次生命体征完全相同（${what}），偶然出现的概率 ${pValue.toExponential(1)}`,
        en: `${k} of the resident's ${group.length} visits have identical vital signs (${what}); chance p = ${pValue.toExponential(1)}`,
      });
    }
  }

  // 2. Across a doctor's patients.
  const byDoctorShape = groupedTwice(
    readings.filter((x) => x.size >= p.minFieldsAcross),
    (x) => x.doctorId,
  );
  for (const group of byDoctorShape) {
    const residents = new Set(group.map((x) => x.r.residentId));
    const R = residents.size;
    if (R < p.minPatients) continue;
    const perResident = group.length / R;
    const byKey = new Map<string, Reading[]>();
    for (const x of group) {
      const g = byKey.get(x.key);
      if (g) g.push(x);
      else byKey.set(x.key, [x]);
    }
    const tuples = byKey.size;
    for (const copies of byKey.values()) {
      const who = new Set(copies.map((x) => x.r.residentId));
      const k = who.size;
      if (k < p.minPatients) continue;
      const doctorId = copies[0].doctorId;
      const values = valuesOf(copies[0]);
      const q = Math.min(1, perResident * prob(doctorId, values, 1, 0));
      const pValue = Math.min(1, binomialUpperP(k - 1, R - 1, q) * tuples);
      if (pValue >= p.alpha) continue;
      const what = describe(values);
      push('doctor', doctorId, copies, k, pValue, {
        zh: `该医生的 ${k} 名不同居民记录了完全相同的生命体征（${what}），偶然出现的概率 ${pValue.toExponential(1)}`,
        en: `identical vital signs (${what}) recorded for ${k} different residents of this doctor; chance p = ${pValue.toExponential(1)}`,
      });
    }
  }
  // 3. The BP pair alone across a doctor's patients, against the district's frequencies.
  const alreadyNamed = new Set(
    alerts.filter((a) => a.subject.kind === 'doctor').map((a) => a.subject.id),
  );
  const pairs = bpPairCopies(
    readings.map((x) => x.r),
    p.minPairPatients,
  );
  // One test per doctor: the doctor's least likely pair (already corrected for the pairs tried).
  const best = new Map<string, (typeof pairs)[number]>();
  for (const c of pairs) {
    const seen = best.get(c.doctorId);
    if (!seen || c.pValue < seen.pValue) best.set(c.doctorId, c);
  }
  for (const c of keepByHolm([...best.values()], best.size, p.pairAlpha)) {
    if (alreadyNamed.has(c.doctorId)) continue;
    alreadyNamed.add(c.doctorId);
    const share = `${fmt(c.districtShare * 1000, 2)}‰`;
    alerts.push({
      detector: 'copied-vitals',
      subject: { kind: 'doctor', id: c.doctorId },
      period: input.period,
      score: c.residents,
      severity: c.residents >= p.highCopies * 1.5 || c.pValue < p.highP ? 'high' : 'medium',
      explanation: {
        zh: `该医生的 ${c.residents} 名不同居民记录了相同的血压 ${c.pair}（其他体征各不相同），该读数在全区其他医生记录中仅占 ${share}，偶然出现的概率 ${c.pValue.toExponential(1)}`,
        en: `the same blood pressure ${c.pair} recorded for ${c.residents} different residents of this doctor (other vitals varying); the district's other doctors write it in ${share} of readings; chance p = ${c.pValue.toExponential(1)}`,
      },
      evidence: c.records.flatMap(evidenceOf),
    });
  }
  return alerts;
}

export const copiedVitalsDetector: Detector<Params> = {
  id: 'copied-vitals',
  description: {
    zh: '同一患者多次就诊或同一医生的多名患者生命体征完全相同，超出偶然可能',
    en: "identical vital-sign sets across a patient's visits or across a doctor's patients, beyond what chance allows",
  },
  params: DEFAULTS,
  detect,
};
