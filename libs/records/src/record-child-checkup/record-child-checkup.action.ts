import { IsBoolean, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  childCheckupFault,
  childCheckupTiming,
  childCheckupWindow,
} from '../rules/child-health-timing';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { CHILD_CHECKUP_AGES, type ChildCheckupAge } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertResidentRegistered, assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

/**
 * A child's health checkup at a due age. The eyes are part of every one, as on the checkup form
 * (儿童健康检查记录表) and in the eye-care specification (0–6 岁儿童眼保健及视力检查服务规范,
 * 2021: 13 checks, at the newborn visit and at each checkup); visual acuity is tested from the
 * 4-year checkup on, so it is recorded here rather than by a command of its own.
 */
export class RecordChildCheckupRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** The age the checkup is for, in months: 1, 3, 6, 8, 12, 18, 24, 30, 36, 48, 60 or 72. */
  @IsIn(CHILD_CHECKUP_AGES) ageMonths!: ChildCheckupAge;
  /** The eyes were examined (appearance, eye position, light reflex: 眼外观、眼位、光照反应). */
  @IsBoolean() eyeExamined!: boolean;
  /** Visual acuity of each eye in the five-point notation (五分记录法, 3.0–5.3), from 4 years. */
  @IsOptional() @IsNumber() @Min(3) @Max(5.3) visionLeft?: number;
  @IsOptional() @IsNumber() @Min(3) @Max(5.3) visionRight?: number;
}

/**
 * A checkup for a due age, within that age's window (childCheckupWindow), once per age. A
 * migrated checkup dated before the birth is kept as the old system had it; the indicators do
 * not count it (childCheckupFault).
 */
export function decideRecordChildCheckup(
  c: Decision<RecordChildCheckupRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  const day = chinaDay(c.occurredAt);
  const kept = c.migrated === true && childCheckupFault(state.birthDate, day) !== null;
  // Before the birth it cannot also be in the future or after a death or move-out.
  if (!kept) assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const { dueOn, outside } = childCheckupTiming(state.birthDate, c.ageMonths, day);
  const w = childCheckupWindow(c.ageMonths);
  if (!kept && outside !== 0)
    refuse(
      'CHILD_CHECKUP_OUTSIDE_AGE',
      'unprocessable',
      `${c.ageMonths} 月龄健康检查应在 ${dueOn} 前 ${w.daysBefore} 天至后 ${w.daysAfter} 天内，记录日期为 ${day}`,
      `the ${c.ageMonths}-month checkup is due from ${w.daysBefore} days before to ${w.daysAfter} days after ${dueOn}; it is dated ${day}`,
      { ageMonths: c.ageMonths, dueOn, occurredAt: c.occurredAt },
    );
  const done = Object.values(state.records).find(
    (r) => r.recordType === 'child_checkup' && !r.voided && r.fields.ageMonths === c.ageMonths,
  );
  if (done)
    refuse(
      'CHILD_CHECKUP_AGE_DONE',
      'conflict',
      `${c.ageMonths} 月龄健康检查已于 ${chinaDay(done.occurredAt)} 记录`,
      `the ${c.ageMonths}-month checkup was recorded on ${chinaDay(done.occurredAt)}`,
      { ageMonths: c.ageMonths, recordId: done.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    ageMonths: c.ageMonths,
    eyeExamined: c.eyeExamined,
    ...(c.visionLeft !== undefined ? { visionLeft: c.visionLeft } : {}),
    ...(c.visionRight !== undefined ? { visionRight: c.visionRight } : {}),
    occurredAt: c.occurredAt,
  };
  return [{ type: 'ChildCheckupRecorded', data }];
}

export const recordChildCheckup = action({
  type: 'RecordChildCheckup',
  summary: {
    zh: '0–6 岁儿童健康检查（含眼保健和视力检查）',
    en: "Record a child's health checkup at a due age (eyes and vision included)",
  },
  request: RecordChildCheckupRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordChildCheckup },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
