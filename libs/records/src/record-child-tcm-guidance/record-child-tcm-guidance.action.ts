import { IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay, daysFrom, monthAgeDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { CHILD_TCM_AGES, type ChildTcmAge } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

/**
 * How far from the month-age day the guidance may be given: from a month before to two months
 * after (the national specification ties it to the child checkups at those ages, which are
 * given within such a window).
 */
export const CHILD_TCM_WINDOW = { daysBefore: 30, daysAfter: 60 } as const;

export class RecordChildTcmGuidanceRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** The month age the guidance is for: 6, 12, 18, 24, 30 or 36. */
  @IsIn(CHILD_TCM_AGES) ageMonths!: ChildTcmAge;
}

/** TCM guidance for a child at a month age, near that age, once per age. */
export function decideRecordChildTcmGuidance(
  c: Decision<RecordChildTcmGuidanceRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const day = chinaDay(c.occurredAt);
  const due = monthAgeDay(state.birthDate, c.ageMonths);
  const off = daysFrom(due, day);
  if (off < -CHILD_TCM_WINDOW.daysBefore || off > CHILD_TCM_WINDOW.daysAfter)
    refuse(
      'CHILD_TCM_OUTSIDE_AGE',
      'unprocessable',
      `${c.ageMonths} 月龄中医药指导应在 ${due} 前 ${CHILD_TCM_WINDOW.daysBefore} 天至后 ${CHILD_TCM_WINDOW.daysAfter} 天内，记录日期为 ${day}`,
      `guidance for ${c.ageMonths} months is due from ${CHILD_TCM_WINDOW.daysBefore} days before to ${CHILD_TCM_WINDOW.daysAfter} days after ${due}; it is dated ${day}`,
      { ageMonths: c.ageMonths, dueOn: due, occurredAt: c.occurredAt },
    );
  const done = Object.values(state.records).find(
    (r) => r.recordType === 'child_tcm_guidance' && !r.voided && r.fields.ageMonths === c.ageMonths,
  );
  if (done)
    refuse(
      'CHILD_TCM_AGE_DONE',
      'conflict',
      `${c.ageMonths} 月龄中医药指导已于 ${chinaDay(done.occurredAt)} 记录`,
      `guidance for ${c.ageMonths} months was recorded on ${chinaDay(done.occurredAt)}`,
      { ageMonths: c.ageMonths, recordId: done.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    ageMonths: c.ageMonths,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'ChildTcmGuidanceRecorded', data }];
}

export const recordChildTcmGuidance = action({
  type: 'RecordChildTcmGuidance',
  summary: {
    zh: '儿童中医药健康管理（6–36 月龄中医饮食起居指导）',
    en: "Record a child's TCM guidance at a month age (6 to 36 months)",
  },
  request: RecordChildTcmGuidanceRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordChildTcmGuidance },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
