import { CHILD_CHECKUP_AGES, childCheckupWindow, daysFrom, monthAgeDay } from '@libs/records';
import { ownStream } from './own-stream';
import { type CentreContext, type Story, emit, workday } from './story';

/**
 * Children 0–6 (0～6岁儿童健康管理): the newborn home visit and the checkups at the due ages.
 * Shangdang managed 91.51% of its children under 7; national reports give newborn visits and
 * under-3 system management above 90%. A newborn is home one to four days after the birth and
 * visited within the week after it nineteen times in twenty (day 8–10 otherwise); one in fifty is
 * never visited. Most families come to every checkup (97% of ages), one in seven is lax (70%);
 * a checkup is booked from a week before to three weeks after the age, on a working day. The eyes
 * are examined nearly every time, the vision of both eyes tested from the 4-year checkup on.
 * Drawn from the child's own stream, so the rest of a seeded district is the same without it.
 */
const NEVER_VISITED = 0.02;
const LATE_VISIT = 0.05;
const KEEN = 6 / 7;
const ATTENDS = { keen: 0.97, lax: 0.7 };
const EYES_EXAMINED = 0.97;
const VISION_TESTED = 0.95;
const HOUR = 3_600_000;

export function writeChildHealth(ctx: CentreContext, s: Story): void {
  const p = s.p;
  if (p.age > 6) return;
  const { cal, prefix, lastDay } = ctx;
  const rng = ownStream(prefix, p.id, 'child-health');
  const doctorOf = () => rng.pick(p.team.doctorIds);
  const at = (day: number, fromHour: number) =>
    Math.max(cal.at(day, fromHour * HOUR + rng.int(0, 3 * HOUR)), s.regT + 60_000);

  if (p.birthDay >= 0 && !rng.chance(NEVER_VISITED)) {
    const discharged = p.birthDay + rng.int(1, 4);
    const day = discharged + (rng.chance(LATE_VISIT) ? rng.int(8, 10) : rng.int(1, 7));
    if (day <= lastDay && day < s.endDay) {
      const id = `${p.id}-nv`;
      emit(ctx, s, at(day, 15), {
        type: 'RecordNewbornVisit',
        commandId: `${prefix}${id}`,
        occurredAt: cal.date(day),
        residentId: p.id,
        recordId: id,
        doctorId: doctorOf(),
        dischargedOn: cal.date(discharged),
        eyeExamined: rng.chance(EYES_EXAMINED),
      });
    }
  }

  const birth = cal.date(p.birthDay);
  const first = cal.date(0);
  const attends = rng.chance(KEEN) ? ATTENDS.keen : ATTENDS.lax;
  for (const months of CHILD_CHECKUP_AGES) {
    const due = daysFrom(first, monthAgeDay(birth, months));
    if (due < 0 || due > lastDay || !rng.chance(attends)) continue;
    const w = childCheckupWindow(months);
    const lo = Math.max(0, due - w.daysBefore);
    const hi = Math.min(lastDay, due + w.daysAfter);
    const day = workday(cal, rng, Math.max(0, due + rng.int(-7, 21)), lo, hi);
    if (day > lastDay || day >= s.endDay) continue;
    const vision = months >= 48 && rng.chance(VISION_TESTED);
    const id = `${p.id}-cc-${months}`;
    emit(ctx, s, at(day, 14), {
      type: 'RecordChildCheckup',
      commandId: `${prefix}${id}`,
      occurredAt: cal.date(day),
      residentId: p.id,
      recordId: id,
      doctorId: doctorOf(),
      ageMonths: months,
      eyeExamined: rng.chance(EYES_EXAMINED),
      ...(vision ? { visionLeft: rng.int(46, 51) / 10, visionRight: rng.int(46, 51) / 10 } : {}),
    });
  }
}
