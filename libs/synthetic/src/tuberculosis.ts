import { TB_REGIMEN_MONTHS } from '@libs/records';
import { ownStream } from './own-stream';
import type { Random } from './random';
import { type CentreContext, type Story, emit } from './story';

/**
 * Tuberculosis patients of the synthetic district (肺结核患者健康管理). China notifies about 50
 * patients per 100,000 residents a year, nearly all aged 15 and over: 58 per 100,000 of them.
 * Patients notified in the eight months before the year come as history (their treatment may
 * end in it). Nineteen in twenty are visited at home after the notification, nine in ten of
 * those within 72 hours; the visited are supervised and followed up monthly, and their
 * medication card is summarised each month. 97% of the supervised take at least 90% of the
 * doses due; with the unvisited (no card, no dose known taken), about 92% of completed
 * treatments. Nine in ten treatments end cured or completed, when the course
 * is over; the rest fail, are lost or transferred out earlier.
 *
 * Drawn from each resident's own stream, so the rest of a seeded district is the same with or
 * without them.
 */
const INCIDENCE_15_PLUS = 0.00058;
const HISTORY_DAYS = 240;
const VISITED = 0.95;
const WITHIN_72_HOURS = 0.9;
const REGULAR = 0.97;
const RETREATMENT = 0.1;
const EVERY_OTHER_DAY = 0.15;
const OUTCOMES = ['completed', 'cured', 'failed', 'lost', 'transferred'];
const OUTCOME_WEIGHTS = [0.55, 0.35, 0.02, 0.04, 0.04];
const SUPERVISORS = ['medical_staff', 'family_member', 'volunteer'];
const SUPERVISOR_WEIGHTS = [0.45, 0.5, 0.05];
const MODES = ['face_to_face_home', 'face_to_face_clinic', 'phone'];
const MODE_WEIGHTS = [0.5, 0.4, 0.1];
const HOUR = 3_600_000;

interface Course {
  regimen: 'initial' | 'retreatment';
  start: number;
  /** The day after the last dose of the full course. */
  courseEnd: number;
  everyOtherDay: boolean;
  /** The treatment's last day: its end if recorded this year, else the year's last day. */
  stop: number;
  end: { day: number; outcome: string } | null;
}

/** Doses due from `from` to `to` (days, inclusive) of a course. */
function dosesDue(c: Course, from: number, to: number): number {
  let n = 0;
  for (let d = Math.max(from, c.start); d <= Math.min(to, c.courseEnd - 1); d += 1)
    if (!c.everyOtherDay || (d - c.start) % 2 === 0) n += 1;
  return n;
}

function planCourse(ctx: CentreContext, s: Story, rng: Random, notified: number): Course {
  const start = notified - rng.int(1, 7);
  const regimen = rng.chance(RETREATMENT) ? 'retreatment' : 'initial';
  const months = TB_REGIMEN_MONTHS[regimen];
  const courseEnd = start + months * 30;
  const outcome = OUTCOMES[rng.weighted(OUTCOME_WEIGHTS)];
  const endDay =
    outcome === 'completed' || outcome === 'cured'
      ? courseEnd + rng.int(0, 7)
      : start + rng.int(60, months * 30 - 1);
  const last = Math.min(ctx.lastDay, s.endDay - 1);
  return {
    regimen,
    start,
    courseEnd,
    everyOtherDay: rng.chance(EVERY_OTHER_DAY),
    stop: Math.min(endDay, last),
    end: endDay <= last ? { day: endDay, outcome } : null,
  };
}

/** A patient's notification and the treatment's records, if the resident is one. */
export function writeTuberculosis(ctx: CentreContext, s: Story): void {
  const { cal, prefix, lastDay } = ctx;
  const p = s.p;
  if (p.age < 15) return;
  const rng = ownStream(prefix, p.id, 'tuberculosis');
  if (!rng.chance((INCIDENCE_15_PLUS * (lastDay + 1 + HISTORY_DAYS)) / 365)) return;
  const notified = rng.int(-HISTORY_DAYS, lastDay);
  if (notified <= s.regDay || notified >= s.endDay) return;
  const c = planCourse(ctx, s, rng, notified);
  const doctorId = rng.pick(p.team.doctorIds);
  // History comes with the 1 January batch, just after the resident; the year's is recorded the
  // evening of its day, each after the one before.
  let previous = s.regT + 40_000;
  const write = (day: number, suffix: string, command: Record<string, unknown>) => {
    const natural = day < 0 ? previous + 1_000 : cal.at(day, 17 * HOUR + rng.int(0, 2 * HOUR));
    previous = emit(ctx, s, Math.max(natural, previous + 1_000), {
      ...command,
      commandId: `${prefix}${p.id}-tb${suffix}`,
      occurredAt: cal.date(day),
      residentId: p.id,
      recordId: `${p.id}-tb${suffix}`,
      doctorId,
    } as never);
  };
  write(notified, '', {
    type: 'RegisterTuberculosisPatient',
    treatmentStart: cal.date(c.start),
    regimen: c.regimen,
    dosing: c.everyOtherDay ? 'every_other_day' : 'daily',
  });
  if (rng.chance(VISITED)) {
    const visit = notified + (rng.chance(WITHIN_72_HOURS) ? rng.int(0, 3) : rng.int(4, 14));
    if (visit <= c.stop) {
      write(visit, '-v', {
        type: 'RecordTbFirstVisit',
        supervisor: SUPERVISORS[rng.weighted(SUPERVISOR_WEIGHTS)],
      });
      writeMonths(ctx, rng, c, notified, write);
    }
  }
  if (c.end) write(c.end.day, '-end', { type: 'RecordTbTreatmentEnd', outcome: c.end.outcome });
}

/** Each month of the treatment: a follow-up mid-month and the medication card at its end. */
function writeMonths(
  ctx: CentreContext,
  rng: Random,
  c: Course,
  notified: number,
  write: (day: number, suffix: string, command: Record<string, unknown>) => void,
): void {
  const { cal } = ctx;
  const regular = rng.chance(REGULAR);
  const first = new Date(Date.UTC(cal.year, 0, 1 + c.start));
  for (let k = 0; ; k += 1) {
    const monthStart = cal.dayOf(first.getUTCFullYear(), first.getUTCMonth() + k, 1);
    if (monthStart > c.stop) return;
    const monthEnd = cal.dayOf(first.getUTCFullYear(), first.getUTCMonth() + k + 1, 0);
    const month = cal.date(monthStart).slice(0, 7);
    const followUp = monthStart + 14 + rng.int(-5, 5);
    if (followUp > notified && followUp <= c.stop)
      write(followUp, `-f${month}`, {
        type: 'RecordTbFollowUp',
        mode: MODES[rng.weighted(MODE_WEIGHTS)],
        phase: followUp - c.start < 60 ? 'intensive' : 'continuation',
        adverseReaction: rng.chance(0.05),
      });
    const due = dosesDue(c, monthStart, Math.min(monthEnd, c.stop));
    if (due === 0) continue;
    // Regular patients miss a dose now and then; the others a sixth to a third of a month's.
    const missed = regular
      ? rng.int(0, Math.floor(due * 0.05))
      : Math.round(due * (0.12 + 0.2 * rng.float()));
    write(Math.max(notified, Math.min(monthEnd, c.stop)), `-m${month}`, {
      type: 'RecordTbMedication',
      month,
      dosesDue: due,
      dosesTaken: due - missed,
    });
  }
}
