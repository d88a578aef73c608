import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { TB_DOSING, TB_REGIMENS, type TbDosing, type TbRegimen } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { tbTreatments } from '../rules/tb-treatment-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RegisterTuberculosisPatientRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** The treatment's id; later visits, medication records and the end refer to it. */
  @IsOptional() @IsId() recordId?: string;
  /** The centre's doctor who takes the patient into care. */
  @IsId() doctorId!: string;
  /** The day the designated hospital started the treatment. */
  @IsISO8601({ strict: true }) treatmentStart!: string;
  /** Initial (初治, six months) or retreatment (复治, eight months). */
  @IsIn(TB_REGIMENS) regimen!: TbRegimen;
  /** Doses every day or every other day (隔日). */
  @IsIn(TB_DOSING) dosing!: TbDosing;
}

/**
 * The centre registers a patient the designated hospital notified (occurredAt: the day the
 * notification arrived). One treatment at a time: a new one only after the last has ended.
 */
export function decideRegisterTuberculosisPatient(
  c: Decision<RegisterTuberculosisPatientRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const day = chinaDay(c.occurredAt);
  const open = tbTreatments(state).find((t) => t.endedOn === null || t.endedOn >= day);
  if (open)
    refuse(
      'TB_ALREADY_UNDER_TREATMENT',
      'conflict',
      `居民 ${c.residentId} 自 ${open.notifiedOn} 起已在肺结核治疗管理中${open.endedOn ? `（至 ${open.endedOn}）` : ''}`,
      `resident ${c.residentId} has been under tuberculosis treatment since ${open.notifiedOn}${open.endedOn ? ` (to ${open.endedOn})` : ''}`,
      { residentId: c.residentId, treatmentId: open.treatmentId, notifiedOn: open.notifiedOn },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    treatmentStart: chinaDay(c.treatmentStart),
    regimen: c.regimen,
    dosing: c.dosing,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TuberculosisPatientRegistered', data }];
}

export const registerTuberculosisPatient = action({
  type: 'RegisterTuberculosisPatient',
  summary: {
    zh: '登记定点医院通知的肺结核患者',
    en: 'Register a tuberculosis patient notified by the designated hospital',
  },
  request: RegisterTuberculosisPatientRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRegisterTuberculosisPatient },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
