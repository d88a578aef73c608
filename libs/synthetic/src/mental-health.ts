import { ownStream } from './own-stream';
import { type CentreContext, type Story, emit } from './story';

/**
 * Severe mental disorder patients of the synthetic district (严重精神障碍). About 5 per thousand
 * residents aged 15 and over are registered patients (the plan's detection target is 4.2 per
 * thousand of all residents; Shangdang registered about 4.6); 93% consented to management, 95%
 * live at home. Most were registered before the year; one in five during it. Patients are
 * followed up once a quarter, mostly at home: seven in eight every quarter due, the rest miss
 * one or two.
 *
 * Drawn from each resident's own stream (seeded by the run and the resident's id, apart from the
 * health-record stream), so the rest of a seeded district is the same with or without them.
 */
const PREVALENCE_15_PLUS = 0.005;
const CONSENT = 0.93;
const AT_HOME = 0.95;
const REGISTERED_IN_YEAR = 0.2;
const EVERY_QUARTER = 0.875;
const MODES = ['face_to_face_home', 'face_to_face_clinic', 'phone'];
const MODE_WEIGHTS = [0.6, 0.3, 0.1];
const STATUSES = ['stable', 'basically_stable', 'unstable'];
const STATUS_WEIGHTS = [0.7, 0.22, 0.08];
const DIAGNOSES = [
  'schizophrenia',
  'schizoaffective',
  'persistent_delusional',
  'bipolar',
  'epilepsy_mental',
  'intellectual_disability_mental',
];
const DIAGNOSIS_WEIGHTS = [0.55, 0.05, 0.05, 0.15, 0.08, 0.12];

const HOUR = 3_600_000;

/** A patient's registration and the year's follow-ups, if the resident is one. */
export function writeMentalHealth(ctx: CentreContext, s: Story): void {
  const { cal, prefix, lastDay } = ctx;
  const p = s.p;
  if (p.age < 15) return;
  const rng = ownStream(prefix, p.id, 'mental-health');
  if (!rng.chance(PREVALENCE_15_PLUS)) return;
  const doctorId = rng.pick(p.team.doctorIds);
  // A resident who came during the year brings no history of their own.
  const inYear = s.regDay >= 0 || rng.chance(REGISTERED_IN_YEAR);
  // Before the year: some day of the eighteen months before it (every team's doctors serve by
  // then), after the resident's own registration and the patient's fifteenth birthday.
  const doctorsServe = cal.dayOf(cal.year - 2, 6, 1);
  const day = inYear
    ? Math.max(s.regDay + 1, 0) + rng.int(0, 250)
    : Math.max(s.regDay, p.birthDay + 15 * 365, doctorsServe) + rng.int(0, 540);
  const registerDay = inYear ? day : Math.min(day, -1);
  if (registerDay >= s.endDay || registerDay > lastDay) return;
  // History comes with the 1 January batch, just after the resident; the year's is recorded the
  // evening of the day.
  const registeredT =
    registerDay < 0 ? s.regT + 30_000 : Math.max(cal.at(registerDay, 17 * HOUR), s.regT + 60_000);
  const recordId = `${p.id}-smd`;
  const consent = rng.chance(CONSENT);
  emit(ctx, s, registeredT, {
    type: 'RegisterMentalDisorderPatient',
    commandId: `${prefix}${recordId}`,
    occurredAt: cal.date(registerDay),
    residentId: p.id,
    recordId,
    doctorId,
    diagnosis: DIAGNOSES[rng.weighted(DIAGNOSIS_WEIGHTS)],
    consent,
    livingAt: rng.chance(AT_HOME) ? 'home' : 'hospital',
  });
  if (!consent) return;
  const every = rng.chance(EVERY_QUARTER);
  for (let q = 0; q < 4; q += 1) {
    if (!every && rng.chance(0.4)) continue;
    const first = cal.dayOf(cal.year, 3 * q, 1);
    const visitDay = Math.max(first, registerDay) + rng.int(0, 60);
    if (visitDay >= s.endDay || visitDay > lastDay || visitDay < registerDay) continue;
    const id = `${p.id}-smd-f${q + 1}`;
    emit(
      ctx,
      s,
      Math.max(cal.at(visitDay, 16 * HOUR + rng.int(0, 2 * HOUR)), registeredT + 60_000),
      {
        type: 'RecordMentalHealthFollowUp',
        commandId: `${prefix}${id}`,
        occurredAt: cal.date(visitDay),
        residentId: p.id,
        recordId: id,
        doctorId,
        mode: MODES[rng.weighted(MODE_WEIGHTS)],
        status: STATUSES[rng.weighted(STATUS_WEIGHTS)],
        onMedication: rng.chance(0.85),
      },
    );
  }
}
