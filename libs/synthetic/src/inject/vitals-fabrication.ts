import type { SeedCommand } from '../command-log';
import type { Random } from '../random';
import { type District, type DoctorFacts, type Visit, choose } from './district';

type Vitals = Partial<Record<'systolic' | 'diastolic' | 'fastingGlucose' | 'weightKg', number>>;

/** The measurements of a follow-up (top level) or a checkup (its vitals). */
function vitalsOf(c: SeedCommand): Vitals {
  return (c.type === 'RecordCheckup' ? c.vitals : c) as Vitals;
}

function withVitals(c: SeedCommand, v: Vitals): SeedCommand {
  return c.type === 'RecordCheckup'
    ? { ...c, vitals: { ...(c.vitals as object), ...v } }
    : { ...c, ...v };
}

/** The doctor's visits whose resident has no correction pending on them. */
function cleanVisits(d: District, doc: DoctorFacts): Visit[] {
  return doc.visits.filter((v) => !d.residents.get(v.residentId)!.fixed);
}

const notEndingInZero = (rng: Random, lo: number, hi: number) => {
  for (;;) {
    const v = rng.int(lo, hi);
    if (v % 10 !== 0) return v;
  }
};

const FIELDS = ['systolic', 'diastolic', 'fastingGlucose', 'weightKg'] as const;

/** The measured fields of a visit, in a fixed order: visits of one shape can be copies. */
const shapeOf = (v: Vitals) => FIELDS.filter((f) => v[f] !== undefined).join(',');

/** The doctor's visits of the shape (3+ fields) that spans the most residents, one per resident. */
function copyableVisits(d: District, doc: DoctorFacts): Visit[] {
  const byShape = new Map<string, Map<string, Visit>>();
  for (const v of cleanVisits(d, doc)) {
    const shape = shapeOf(vitalsOf(d.parts[v.part].command(v.idx)));
    if (shape.split(',').length < 3) continue;
    let residents = byShape.get(shape);
    if (!residents) byShape.set(shape, (residents = new Map()));
    if (!residents.has(v.residentId)) residents.set(v.residentId, v);
  }
  let best: Visit[] = [];
  for (const residents of byShape.values())
    if (residents.size > best.length) best = [...residents.values()];
  return best;
}

/** The doctor's visits with a blood pressure, one per resident. */
function bpVisits(d: District, doc: DoctorFacts): Visit[] {
  const byResident = new Map<string, Visit>();
  for (const v of cleanVisits(d, doc)) {
    const had = vitalsOf(d.parts[v.part].command(v.idx));
    if (had.systolic !== undefined && had.diastolic !== undefined && !byResident.has(v.residentId))
      byResident.set(v.residentId, v);
  }
  return [...byResident.values()];
}

/** Copies: enough distinct patients to be beyond chance, few enough to stay a minority. */
const MIN_COPIES = 6;
/**
 * Blood-pressure values (two a reading) the doctor needs, so a handful of copies does not by
 * itself make the doctor's end digits look preferred (digit-preference tests them).
 */
const MIN_BP_VALUES = 120;

const bpValues = (d: District, doc: DoctorFacts) =>
  2 *
  cleanVisits(d, doc).filter((v) => vitalsOf(d.parts[v.part].command(v.idx)).systolic !== undefined)
    .length;

/**
 * copied-vitals (subject: the doctor). One set of measurements (blood pressure, fasting glucose,
 * weight; no value ending in 0) is copied onto one visit each of 6–8 of the doctor's patients,
 * all visits of the same kind: readings written without measuring. The copies stay a minority
 * of the doctor's visits, so the doctor's other readings remain as measured.
 */
export function injectCopiedVitals(d: District, rng: Random, rate: number): void {
  const eligible = [...d.doctors.values()].filter(
    (doc) =>
      !d.touchedDoctors.has(doc.id) &&
      copyableVisits(d, doc).length >= MIN_COPIES * 2 &&
      bpValues(d, doc) >= MIN_BP_VALUES,
  );
  for (const doc of choose(rng, eligible, rate)) {
    d.touchedDoctors.add(doc.id);
    const systolic = notEndingInZero(rng, 124, 148);
    // Different end digits, so the copies do not by themselves skew the doctor's digit profile.
    let diastolic = notEndingInZero(rng, 72, Math.min(94, systolic - 25));
    while (diastolic % 10 === systolic % 10) diastolic = notEndingInZero(rng, 72, 94);
    const template: Required<Vitals> = {
      systolic,
      diastolic,
      fastingGlucose: notEndingInZero(rng, 52, 84) / 10,
      weightKg: notEndingInZero(rng, 551, 789) / 10,
    };
    // Every other case copies the blood-pressure pair alone onto a few more patients, their
    // glucose and weight left as measured: only the pair betrays it.
    const bpOnly = rng.chance(0.5);
    const visits = bpOnly ? bpVisits(d, doc) : copyableVisits(d, doc);
    const wanted = bpOnly ? MIN_COPIES + 2 + rng.int(0, 2) : MIN_COPIES + rng.int(0, 2);
    const n = Math.min(wanted, Math.floor(visits.length / 2));
    const fields = bpOnly ? (['systolic', 'diastolic'] as const) : FIELDS;
    const commandIds = rng
      .shuffle([...visits])
      .slice(0, n)
      .map((v) => {
        const part = d.parts[v.part];
        const c = part.command(v.idx);
        const had = vitalsOf(c);
        const copied = Object.fromEntries(
          fields.filter((f) => had[f] !== undefined).map((f) => [f, template[f]]),
        );
        part.replace(v.idx, withVitals(c, copied));
        return c.commandId;
      });
    d.plant({
      pattern: 'copied-vitals',
      subject: { kind: 'doctor', id: doc.id },
      commandIds,
      ...(bpOnly
        ? { subtle: 'the blood-pressure pair alone copied, other vitals as measured' }
        : {}),
    });
  }
}

const round10 = (v: number) => Math.round(v / 10) * 10;

/**
 * digit-preference (subject: the doctor). Nine in ten of the doctor's blood pressures are
 * rounded to end in 0, and most systolics of 140–149 are written as 130: numbers entered
 * without a reading, nudged under the control threshold. Glucose and weight stay as measured.
 */
export function injectDigitPreference(d: District, rng: Random, rate: number): void {
  const withBp = (doc: DoctorFacts) =>
    cleanVisits(d, doc).filter((v) => {
      const c = d.parts[v.part].command(v.idx);
      return vitalsOf(c).systolic !== undefined;
    });
  const eligible = [...d.doctors.values()].filter(
    (doc) => !d.touchedDoctors.has(doc.id) && withBp(doc).length >= 25,
  );
  for (const doc of choose(rng, eligible, rate)) {
    d.touchedDoctors.add(doc.id);
    const commandIds: string[] = [];
    for (const v of withBp(doc)) {
      if (!rng.chance(0.9)) continue;
      const part = d.parts[v.part];
      const c = part.command(v.idx);
      const { systolic, diastolic } = vitalsOf(c) as Required<Vitals>;
      let sys = round10(systolic);
      if (sys >= 140 && systolic < 150 && rng.chance(0.7)) sys = 130;
      const dia = Math.min(round10(diastolic), sys - 20);
      part.replace(v.idx, withVitals(c, { systolic: sys, diastolic: dia }));
      commandIds.push(c.commandId);
    }
    d.plant({ pattern: 'digit-preference', subject: { kind: 'doctor', id: doc.id }, commandIds });
  }
}

/** Hypertension follow-ups of the doctor with a BP in the bands either side of 140/90. */
function bandVisits(d: District, doc: DoctorFacts): Visit[] {
  return cleanVisits(d, doc).filter((v) => {
    const c = d.parts[v.part].command(v.idx);
    if (c.type !== 'RecordFollowUp' || c.condition !== 'hypertension') return false;
    const { systolic, diastolic } = vitalsOf(c);
    return (
      (systolic !== undefined && systolic >= 130 && systolic <= 149) ||
      (diastolic !== undefined && diastolic >= 80 && diastolic <= 99)
    );
  });
}

/**
 * digit-preference, subtle (subject: the doctor). A doctor with only a few dozen hypertension
 * readings near the thresholds writes those just above 140 / 90 as just below (135–139 /
 * 85–89), end digits left as they were: no rounding for the end-digit test to see, and too few
 * readings for a fixed minimum of 40 in one band. Only the district's own reference shows it.
 */
export function injectThresholdNudging(d: District, rng: Random, rate: number): void {
  const free = [...d.doctors.values()]
    .filter((doc) => !d.touchedDoctors.has(doc.id))
    .map((doc) => ({ doc, n: bandVisits(d, doc).length }))
    .filter((x) => x.n >= 20);
  // A few dozen readings where there are such doctors (a small district); in a large one every
  // doctor has a hundred or more, and the subtle case nudges only one patient in three of the
  // tenth with the fewest.
  const few = free.filter((x) => x.n <= 60);
  const fewest = [...free]
    .sort((a, b) => a.n - b.n)
    .slice(0, Math.max(1, Math.ceil(free.length / 10)));
  const eligible = (few.length > 0 ? few : fewest).map((x) => x.doc);
  const partial = few.length === 0;
  for (const doc of choose(rng, eligible, rate)) {
    d.touchedDoctors.add(doc.id);
    const patients = new Set(
      rng
        .shuffle([...new Set(bandVisits(d, doc).map((v) => v.residentId))])
        .filter((_, i) => !partial || i % 3 === 0),
    );
    const commandIds: string[] = [];
    for (const v of bandVisits(d, doc)) {
      if (!patients.has(v.residentId)) continue;
      const part = d.parts[v.part];
      const c = part.command(v.idx);
      const { systolic, diastolic } = vitalsOf(c) as Required<Vitals>;
      const sys = systolic >= 140 && systolic <= 149 ? 135 + (systolic % 5) : systolic;
      const dia = diastolic >= 90 && diastolic <= 99 ? 85 + (diastolic % 5) : diastolic;
      if (sys === systolic && dia === diastolic) continue;
      part.replace(v.idx, withVitals(c, { systolic: sys, diastolic: Math.min(dia, sys - 20) }));
      commandIds.push(c.commandId);
    }
    if (commandIds.length === 0) continue;
    d.plant({
      pattern: 'digit-preference',
      subject: { kind: 'doctor', id: doc.id },
      commandIds,
      subtle: partial
        ? 'readings nudged just under 140/90 for one patient in three, end digits kept'
        : 'readings nudged just under 140/90, end digits kept, a few dozen readings',
    });
  }
}
