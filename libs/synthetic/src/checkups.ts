import { type CentreContext, type Story, emit, serviceDoctor, workday } from './story';

const CHECKUP_MONTHS = [0.04, 0.03, 0.1, 0.14, 0.15, 0.13, 0.08, 0.07, 0.1, 0.09, 0.05, 0.02];
const CONSTITUTIONS = [
  'balanced',
  'qi_deficiency',
  'yang_deficiency',
  'yin_deficiency',
  'phlegm_dampness',
  'damp_heat',
  'blood_stasis',
  'qi_stagnation',
  'special_diathesis',
];
const CONSTITUTION_WEIGHTS = [0.3, 0.15, 0.12, 0.1, 0.1, 0.06, 0.08, 0.06, 0.03];

function serviceDay(ctx: CentreContext, s: Story): number {
  const { cal, rng } = ctx;
  const m = rng.weighted(CHECKUP_MONTHS);
  const first = cal.dayOf(cal.year, m, 1);
  const last = cal.dayOf(cal.year, m + 1, 1) - 1;
  return workday(cal, rng, Math.max(first, s.regDay + 1) + rng.int(0, last - first), first, last);
}

/** The elderly annual checkup written, if any: a health record is reviewed with it. */
export interface ElderlyCheckup {
  day: number;
  recordedAt: number;
  doctorId: string;
}

/** Annual checkups (65+, patients, disabled adults) and TCM constitution identification for 65+. */
export function writeCheckups(ctx: CentreContext, s: Story): ElderlyCheckup | null {
  const { cal, rng, rec, prefix } = ctx;
  const p = s.p;
  const patient = p.hypertension || p.diabetes;
  let kind: string | null = null;
  if (p.elderly) {
    kind = rng.chance(patient && p.engagement === 'full' ? 0.95 : ctx.elderlyCheckupChance)
      ? 'elderly_annual'
      : null;
  } else if (patient) {
    kind = rng.chance(p.engagement === 'full' ? 0.93 : p.engagement === 'partial' ? 0.5 : 0.1)
      ? 'other'
      : null;
  } else if (p.age >= 18 && p.tags.includes('disabled')) {
    kind = rng.chance(0.6) ? 'disabled_annual' : null;
  }
  let checkupDay: number | null = null;
  let elderlyCheckup: ElderlyCheckup | null = null;
  if (kind) {
    const day = serviceDay(ctx, s);
    if (day < s.endDay && day <= ctx.lastDay) {
      checkupDay = day;
      const r = s.vitals.reading();
      const recordId = `${p.id}-chk`;
      const vitals = {
        systolic: r.systolic,
        diastolic: r.diastolic,
        fastingGlucose: r.fastingGlucose,
        weightKg: r.weightKg,
        heightCm: s.vitals.heightCm,
      };
      let doctorId = '';
      const recordedAt = emit(
        ctx,
        s,
        rec.afterAll(rec.after(day), s.regT),
        {
          type: 'RecordCheckup',
          commandId: `${prefix}${recordId}`,
          occurredAt: cal.date(day),
          residentId: p.id,
          recordId,
          // Assigned in place, so the draws happen in the same order as before.
          doctorId: (doctorId = serviceDoctor(ctx, p)),
          kind,
          complete: rng.chance(0.96),
          vitals,
        },
        recordId,
      );
      if (kind === 'elderly_annual') elderlyCheckup = { day, recordedAt, doctorId };
    }
  }
  if (!p.elderly || !rng.chance(kind === 'elderly_annual' ? 0.92 : 0.47)) return elderlyCheckup;
  const day = checkupDay !== null && rng.chance(0.85) ? checkupDay : serviceDay(ctx, s);
  if (day >= s.endDay || day > ctx.lastDay) return elderlyCheckup;
  const recordId = `${p.id}-tcm`;
  emit(
    ctx,
    s,
    rec.afterAll(rec.after(day), s.regT),
    {
      type: 'RecordTcmAssessment',
      commandId: `${prefix}${recordId}`,
      occurredAt: cal.date(day),
      residentId: p.id,
      recordId,
      doctorId: serviceDoctor(ctx, p),
      constitution: CONSTITUTIONS[rng.weighted(CONSTITUTION_WEIGHTS)],
      guidanceGiven: rng.chance(0.97),
    },
    recordId,
  );
  return elderlyCheckup;
}
