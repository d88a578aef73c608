import { action, type Decision } from '../commands/action';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, enrolledOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { chinaDay } from '../rules/dates';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { assertVitalsPlausible } from '../rules/vitals';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { RecordFollowUpRequest } from './record-follow-up.request';

export function decideRecordFollowUp(
  c: Decision<RecordFollowUpRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (!enrolledOn(state, c.condition, chinaDay(c.occurredAt))) {
    refuse(
      'NOT_ENROLLED',
      'unprocessable',
      `居民在 ${chinaDay(c.occurredAt)} 未纳入${c.condition === 'hypertension' ? '高血压' : '糖尿病'}管理`,
      `the resident was not enrolled in ${c.condition} care on ${chinaDay(c.occurredAt)}`,
      {
        condition: c.condition,
      },
    );
  }
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const vitals = {
    systolic: c.systolic,
    diastolic: c.diastolic,
    fastingGlucose: c.fastingGlucose,
    weightKg: c.weightKg,
  };
  assertVitalsPlausible(vitals);
  const recordId = newRecordId(state, c);
  const measured = Object.fromEntries(Object.entries(vitals).filter(([, v]) => v !== undefined));
  const data = {
    residentId: c.residentId,
    recordId,
    doctorId: c.doctorId,
    condition: c.condition,
    mode: c.mode,
    ...measured,
    referral: c.referral ?? false,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'FollowUpRecorded', data }];
}

export const recordFollowUp = action({
  type: 'RecordFollowUp',
  summary: {
    zh: '慢病随访（高血压、2型糖尿病）',
    en: 'Record a hypertension or diabetes follow-up',
  },
  request: RecordFollowUpRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordFollowUp },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
