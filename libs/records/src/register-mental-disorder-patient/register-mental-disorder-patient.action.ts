import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, mentalHealthRegisteredOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import {
  PATIENT_LIVING,
  SEVERE_MENTAL_DISORDERS,
  type PatientLiving,
  type SevereMentalDisorder,
} from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RegisterMentalDisorderPatientRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who registers the patient in the centre's care (登记管理). */
  @IsId() doctorId!: string;
  /** The diagnosis made by a psychiatric hospital: one of the six managed disorders. */
  @IsIn(SEVERE_MENTAL_DISORDERS) diagnosis!: SevereMentalDisorder;
  /** The patient or guardian agreed to be managed (知情同意); without it the patient is counted, not managed. */
  @IsBoolean() consent!: boolean;
  /** Living at home (default) or in hospital. */
  @IsOptional() @IsIn(PATIENT_LIVING) livingAt?: PatientLiving;
}

/** A diagnosed patient registered once; a second registration is refused. */
export function decideRegisterMentalDisorderPatient(
  c: Decision<RegisterMentalDisorderPatientRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const since = mentalHealthRegisteredOn(state);
  if (since !== null)
    refuse(
      'PATIENT_ALREADY_REGISTERED',
      'conflict',
      `居民 ${c.residentId} 已于 ${since} 登记为严重精神障碍患者`,
      `resident ${c.residentId} has been a registered severe mental disorder patient since ${since}`,
      { residentId: c.residentId, registeredOn: since },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    diagnosis: c.diagnosis,
    consent: c.consent,
    livingAt: c.livingAt ?? 'home',
    occurredAt: c.occurredAt,
  };
  return [{ type: 'MentalDisorderPatientRegistered', data }];
}

export const registerMentalDisorderPatient = action({
  type: 'RegisterMentalDisorderPatient',
  summary: {
    zh: '登记严重精神障碍患者',
    en: 'Register a diagnosed severe mental disorder patient',
  },
  request: RegisterMentalDisorderPatientRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRegisterMentalDisorderPatient },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
