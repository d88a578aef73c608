import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, mentalHealthRegisteredOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import {
  FOLLOW_UP_MODES,
  MENTAL_STATUSES,
  type FollowUpMode,
  type MentalStatus,
} from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordMentalHealthFollowUpRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  @IsIn(FOLLOW_UP_MODES) mode!: FollowUpMode;
  /** The patient's condition: stable, basically stable or unstable (危险性评估后的病情). */
  @IsIn(MENTAL_STATUSES) status!: MentalStatus;
  /** Taking the prescribed medication. */
  @IsBoolean() onMedication!: boolean;
}

/** A follow-up of a registered patient, on or after the registration. */
export function decideRecordMentalHealthFollowUp(
  c: Decision<RecordMentalHealthFollowUpRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const since = mentalHealthRegisteredOn(state);
  if (since === null)
    refuse(
      'NOT_A_REGISTERED_PATIENT',
      'unprocessable',
      `居民 ${c.residentId} 未登记为严重精神障碍患者，不能记录患者随访`,
      `resident ${c.residentId} is not a registered severe mental disorder patient`,
      { residentId: c.residentId },
    );
  const day = chinaDay(c.occurredAt);
  if (day < since!)
    refuse(
      'FOLLOW_UP_BEFORE_REGISTRATION',
      'unprocessable',
      `随访日期 ${day} 早于患者登记日期 ${since}`,
      `follow-up dated ${day} is before the patient was registered on ${since}`,
      { occurredAt: c.occurredAt, registeredOn: since },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    mode: c.mode,
    status: c.status,
    onMedication: c.onMedication,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'MentalHealthFollowUpRecorded', data }];
}

export const recordMentalHealthFollowUp = action({
  type: 'RecordMentalHealthFollowUp',
  summary: {
    zh: '严重精神障碍患者随访',
    en: 'Record a follow-up of a severe mental disorder patient',
  },
  request: RecordMentalHealthFollowUpRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordMentalHealthFollowUp },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
