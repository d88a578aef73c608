import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  NEWBORN_VISIT_LATEST,
  type NewbornVisitFault,
  newbornVisitDay,
  newbornVisitFault,
} from '../rules/child-health-timing';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertResidentRegistered, assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordNewbornVisitRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** The day the newborn left hospital (出院日期); the visit is due within 7 days of it. */
  @IsISO8601({ strict: true }) dischargedOn!: string;
  /** The eyes were examined at the visit: the first of a child's 13 eye checks (眼保健). */
  @IsBoolean() eyeExamined!: boolean;
}

const FAULT_WORDS: Record<NewbornVisitFault, { code: string; zh: string; en: string }> = {
  visit_before_birth: {
    code: 'OCCURRED_BEFORE_BIRTH',
    zh: '访视日期早于出生日期',
    en: 'the visit is dated before the birth',
  },
  discharged_before_birth: {
    code: 'NEWBORN_DISCHARGED_BEFORE_BIRTH',
    zh: '出院日期早于出生日期',
    en: 'the discharge is dated before the birth',
  },
  visit_before_discharge: {
    code: 'NEWBORN_VISIT_BEFORE_DISCHARGE',
    zh: '访视日期早于出院日期',
    en: 'the home visit is dated before the discharge',
  },
};

/**
 * The newborn home visit (新生儿家庭访视), once per child, on or after the discharge and within
 * the neonatal weeks after it. A migrated visit whose dates cannot be (a visit before the birth)
 * is kept as the old system had it: the indicators do not count it (newbornVisitFault) and the
 * detectors show it.
 */
export function decideRecordNewbornVisit(
  c: Decision<RecordNewbornVisitRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  const day = chinaDay(c.occurredAt);
  const dischargedOn = chinaDay(c.dischargedOn);
  const fault = newbornVisitFault(state.birthDate, dischargedOn, day);
  const kept = c.migrated === true && fault !== null;
  // A visit dated before the birth cannot also be in the future or after a death or move-out;
  // only the birth check would refuse it, and a migrated one is kept.
  if (!(kept && fault === 'visit_before_birth'))
    assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  if (fault && !kept) {
    const w = FAULT_WORDS[fault];
    refuse(
      w.code,
      'unprocessable',
      `${w.zh}：出生 ${state.birthDate}，出院 ${dischargedOn}，访视 ${day}`,
      `${w.en}: born ${state.birthDate}, discharged ${dischargedOn}, visited ${day}`,
      { birthDate: state.birthDate, dischargedOn, occurredAt: c.occurredAt },
    );
  }
  const after = newbornVisitDay(dischargedOn, day);
  if (!kept && after > NEWBORN_VISIT_LATEST)
    refuse(
      'NEWBORN_VISIT_TOO_LATE',
      'unprocessable',
      `出院 ${dischargedOn} 后第 ${after} 天的访视不是新生儿访视（应在出院后 ${NEWBORN_VISIT_LATEST} 天内）`,
      `a visit on day ${after} after the discharge on ${dischargedOn} is not a newborn visit (it is within ${NEWBORN_VISIT_LATEST} days of it)`,
      { dischargedOn, occurredAt: c.occurredAt, daysAfterDischarge: after },
    );
  const done = Object.values(state.records).find(
    (r) => r.recordType === 'newborn_visit' && !r.voided,
  );
  if (done)
    refuse(
      'NEWBORN_VISIT_DONE',
      'conflict',
      `该新生儿的家庭访视已于 ${chinaDay(done.occurredAt)} 记录`,
      `this newborn's home visit was recorded on ${chinaDay(done.occurredAt)}`,
      { recordId: done.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    dischargedOn,
    eyeExamined: c.eyeExamined,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'NewbornVisitRecorded', data }];
}

export const recordNewbornVisit = action({
  type: 'RecordNewbornVisit',
  summary: {
    zh: '新生儿家庭访视（出院后 7 天内）',
    en: 'Record the newborn home visit (within 7 days of discharge)',
  },
  request: RecordNewbornVisitRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordNewbornVisit },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
