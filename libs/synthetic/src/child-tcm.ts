import { CHILD_TCM_AGES, daysFrom, monthAgeDay } from '@libs/records';
import { ownStream } from './own-stream';
import { type CentreContext, type Story, emit } from './story';

/**
 * Children's TCM guidance (儿童中医药健康管理) at 6, 12 … 36 months. Shangdang served 87.72% of
 * its children at their month ages and the Huancui plan asks 84%: each month age reached in the
 * year is served nine times in ten, from the month-age day to three weeks after it, usually at
 * the child's checkup. Drawn from the child's own stream.
 */
const SERVED = 0.9;
const HOUR = 3_600_000;

export function writeChildTcm(ctx: CentreContext, s: Story): void {
  const { cal, prefix, lastDay } = ctx;
  const p = s.p;
  if (p.age > 3) return;
  const birth = cal.date(p.birthDay);
  const first = cal.date(0);
  let rng: ReturnType<typeof ownStream> | undefined;
  for (const months of CHILD_TCM_AGES) {
    const due = monthAgeDay(birth, months);
    const dueDay = daysFrom(first, due);
    if (dueDay < 0 || dueDay > lastDay) continue;
    rng ??= ownStream(prefix, p.id, 'child-tcm');
    if (!rng.chance(SERVED)) continue;
    const day = dueDay + rng.int(0, 21);
    if (day <= s.regDay || day >= s.endDay || day > lastDay) continue;
    const id = `${p.id}-ctcm-${months}`;
    emit(ctx, s, Math.max(cal.at(day, 15 * HOUR + rng.int(0, 3 * HOUR)), s.regT + 60_000), {
      type: 'RecordChildTcmGuidance',
      commandId: `${prefix}${id}`,
      occurredAt: cal.date(day),
      residentId: p.id,
      recordId: id,
      doctorId: rng.pick(p.team.doctorIds),
      ageMonths: months,
    });
  }
}
