import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { FOLLOW_UP_MODES, TB_PHASES, type FollowUpMode, type TbPhase } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { tbTreatmentForRecord } from '../rules/tb-treatment-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordTbFollowUpRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  @IsIn(FOLLOW_UP_MODES) mode!: FollowUpMode;
  /** Intensive (强化期) or continuation (继续期) phase of the treatment. */
  @IsIn(TB_PHASES) phase!: TbPhase;
  /** An adverse drug reaction found (不良反应), which the doctor refers to the hospital. */
  @IsBoolean() adverseReaction!: boolean;
}

/** A follow-up during the treatment, from the notification to the end. */
export function decideRecordTbFollowUp(
  c: Decision<RecordTbFollowUpRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const t = tbTreatmentForRecord(state, c, { zh: '随访', en: 'follow-up' });
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    treatmentId: t.treatmentId,
    mode: c.mode,
    phase: c.phase,
    adverseReaction: c.adverseReaction,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TbFollowUpRecorded', data }];
}

export const recordTbFollowUp = action({
  type: 'RecordTbFollowUp',
  summary: { zh: '肺结核患者随访', en: 'Record a follow-up of a tuberculosis patient' },
  request: RecordTbFollowUpRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordTbFollowUp },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
