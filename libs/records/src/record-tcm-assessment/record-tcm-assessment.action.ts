import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { TCM_CONSTITUTIONS, type TcmConstitution } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordTcmAssessmentRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** The constitution type found by 中医体质辨识. */
  @IsIn(TCM_CONSTITUTIONS) constitution!: TcmConstitution;
  /** Health guidance given for that constitution; identification alone is not the full service. */
  @IsOptional() @IsBoolean() guidanceGiven?: boolean;
}

export function decideRecordTcmAssessment(
  c: Decision<RecordTcmAssessmentRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const recordId = newRecordId(state, c);
  const data = {
    residentId: c.residentId,
    recordId,
    doctorId: c.doctorId,
    constitution: c.constitution,
    guidanceGiven: c.guidanceGiven ?? true,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TcmAssessmentRecorded', data }];
}

export const recordTcmAssessment = action({
  type: 'RecordTcmAssessment',
  summary: {
    zh: '中医体质辨识及健康指导',
    en: 'Record a TCM constitution identification with guidance',
  },
  request: RecordTcmAssessmentRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordTcmAssessment },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
