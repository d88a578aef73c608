import { IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, liveRecord } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { CONDITIONS, type Condition } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class EnrollChronicCareRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsIn(CONDITIONS) condition!: Condition;
  @IsOptional() @IsId() doctorId?: string;
}

export function decideEnrollChronicCare(
  c: Decision<EnrollChronicCareRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (c.doctorId) assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const existing = state.enrolments[c.condition];
  if (existing && liveRecord(state, existing)) {
    refuse(
      'ALREADY_ENROLLED',
      'conflict',
      `居民已纳入${c.condition === 'hypertension' ? '高血压' : '糖尿病'}管理`,
      `the resident is already enrolled in ${c.condition} care`,
      {
        condition: c.condition,
        recordId: existing,
      },
    );
  }
  const recordId = newRecordId(state, c);
  return [
    {
      type: 'ChronicCareEnrolled',
      data: {
        residentId: c.residentId,
        recordId,
        condition: c.condition,
        doctorId: c.doctorId ?? null,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const enrollChronicCare = action({
  type: 'EnrollChronicCare',
  summary: {
    zh: '纳入慢病（高血压、2型糖尿病）管理',
    en: 'Enrol a resident in hypertension or type 2 diabetes care',
  },
  request: EnrollChronicCareRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideEnrollChronicCare },
  unitsTouched: residentUnit,
  facts: async (r, lookup) => (r.doctorId ? doctorFacts(lookup, r.doctorId, r.occurredAt) : {}),
});
