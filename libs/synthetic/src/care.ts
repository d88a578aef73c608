import { type CentreContext, type Story, emit, migrationT, serviceDoctor, workday } from './story';
import { bpControlled, glucoseControlled } from './vitals-model';

export type Condition = 'hypertension' | 'diabetes';
const CODE: Record<Condition, string> = { hypertension: 'htn', diabetes: 'dm' };

/** When a patient was enrolled: most before the year (from age 30 on), some diagnosed during it. */
export function enrolmentDay(ctx: CentreContext, s: Story): number {
  const from = Math.max(s.regDay, ctx.cal.dayOf(ctx.cal.year - s.p.age + 30, 0, 1));
  if (from <= -1 && ctx.rng.chance(0.93)) return ctx.rng.int(from, -1);
  return workday(ctx.cal, ctx.rng, ctx.rng.int(10, 320), 10, 320);
}

/** Enrols the patient; a diagnosis during the year also adds the key-population tag. */
export function writeEnrolment(
  ctx: CentreContext,
  s: Story,
  condition: Condition,
  day: number,
): number {
  const { cal, rec, prefix } = ctx;
  const id = s.p.id;
  const recordId = `${id}-${CODE[condition]}-enrol`;
  const base = {
    type: 'EnrollChronicCare',
    commandId: `${prefix}${recordId}`,
    occurredAt: cal.date(day),
    residentId: id,
    recordId,
    condition,
  };
  if (day < 0) return emit(ctx, s, migrationT(s), base);
  const tagT = rec.afterAll(rec.after(day), s.regT);
  emit(ctx, s, tagT, {
    type: 'UpdateResidentTags',
    commandId: `${prefix}${id}-tag-${CODE[condition]}`,
    occurredAt: cal.date(day),
    residentId: id,
    add: [condition],
  });
  return emit(ctx, s, rec.afterAll(tagT, tagT), { ...base, doctorId: serviceDoctor(ctx, s.p) });
}

/** Visits in the quarters still owed after enrolment: four for most, two or three for some, phone for a few. */
export function writeFollowUps(
  ctx: CentreContext,
  s: Story,
  condition: Condition,
  enrolDay: number,
  enrolT: number,
): void {
  const { cal, rng, rec, prefix } = ctx;
  const owed: [number, number][] = [];
  for (let q = 0; q < 4; q += 1) {
    const [qs, qe] = cal.quarter(q);
    const lo = Math.max(qs, enrolDay >= 0 ? enrolDay + 7 : qs);
    if (lo <= qe) owed.push([lo, qe]);
  }
  const engagement = s.p.engagement;
  let visits = owed;
  if (engagement === 'partial')
    visits = rng.shuffle([...owed]).slice(0, Math.max(1, owed.length - rng.int(1, 2)));
  if (engagement === 'minimal') visits = rng.chance(0.6) ? [rng.pick(owed)] : [];
  visits.sort((a, b) => a[0] - b[0]);
  const phoneChance = engagement === 'full' ? 0 : engagement === 'partial' ? 0.3 : 0.5;
  let previousUncontrolled = false;
  visits.forEach(([lo, hi]) => {
    const q = cal.quarterOf(lo);
    const day = workday(
      cal,
      rng,
      Math.max(lo, Math.min(hi, cal.quarter(q)[0] + s.phase + rng.int(-7, 7))),
      lo,
      hi,
    );
    if (day >= s.endDay) return;
    const r = s.vitals.reading();
    const controlled = condition === 'hypertension' ? bpControlled(r) : glucoseControlled(r);
    const mode = rng.chance(phoneChance)
      ? 'phone'
      : rng.chance(0.3)
        ? 'face_to_face_home'
        : 'face_to_face_clinic';
    const recordId = `${s.p.id}-${CODE[condition]}-fu${q + 1}`;
    const measured =
      condition === 'hypertension'
        ? { systolic: r.systolic, diastolic: r.diastolic }
        : mode === 'phone'
          ? { fastingGlucose: r.fastingGlucose }
          : { systolic: r.systolic, diastolic: r.diastolic, fastingGlucose: r.fastingGlucose };
    const command = {
      type: 'RecordFollowUp',
      commandId: `${prefix}${recordId}`,
      occurredAt: cal.date(day),
      residentId: s.p.id,
      recordId,
      doctorId: serviceDoctor(ctx, s.p),
      condition,
      mode,
      ...measured,
      ...(mode === 'phone' ? {} : { weightKg: r.weightKg }),
      referral: !controlled && previousUncontrolled && rng.chance(0.25),
    };
    emit(ctx, s, rec.afterAll(rec.after(day), s.regT, enrolT), command, recordId);
    previousUncontrolled = !controlled;
  });
}
