import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, healthRecordOpenedOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { HEALTH_RECORD_FORMS, type HealthRecordForm } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class OpenHealthRecordRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who opened it (建档医生). */
  @IsId() doctorId!: string;
  /** Electronic unless stated; a paper-only record is not an e-record. */
  @IsOptional() @IsIn(HEALTH_RECORD_FORMS) form?: HealthRecordForm;
  /** Every part filled in when opened (规范化 from the start); otherwise a review finds it so. */
  @IsOptional() @IsBoolean() complete?: boolean;
}

/** One health record per resident: a second opening is refused, a voided one may be opened again. */
export function decideOpenHealthRecord(
  c: Decision<OpenHealthRecordRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const openedOn = healthRecordOpenedOn(state);
  if (openedOn !== null)
    refuse(
      'HEALTH_RECORD_EXISTS',
      'conflict',
      `居民 ${c.residentId} 已于 ${openedOn} 建立健康档案`,
      `resident ${c.residentId} has had a health record since ${openedOn}`,
      { residentId: c.residentId, openedOn },
    );
  const recordId = newRecordId(state, c);
  const data = {
    residentId: c.residentId,
    recordId,
    doctorId: c.doctorId,
    form: c.form ?? 'electronic',
    complete: c.complete ?? false,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'HealthRecordOpened', data }];
}

export const openHealthRecord = action({
  type: 'OpenHealthRecord',
  summary: { zh: '建立居民健康档案', en: "Open a resident's health record" },
  request: OpenHealthRecordRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideOpenHealthRecord },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
