import { IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { assertWoman, postpartumDelivery } from '../rules/maternal-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordPostpartumCheckRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
}

/**
 * The 42-day postpartum check (产后42天健康检查): from day 42 after the delivery, once per
 * delivery. Counted up to day 56; a later one is recorded and not counted.
 */
export function decideRecordPostpartumCheck(
  c: Decision<RecordPostpartumCheckRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertWoman(state, c.residentId);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const delivery = postpartumDelivery(state, c, 'check_42');
  const done = Object.values(state.records).find(
    (r) =>
      r.recordType === 'postpartum_check' &&
      !r.voided &&
      r.fields.deliveryRecordId === delivery.recordId,
  );
  if (done)
    refuse(
      'POSTPARTUM_CHECK_DONE',
      'conflict',
      `该次分娩的产后42天健康检查已于 ${chinaDay(done.occurredAt)} 记录`,
      `the 42-day check of this delivery was recorded on ${chinaDay(done.occurredAt)}`,
      { deliveryRecordId: delivery.recordId, recordId: done.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    deliveryRecordId: delivery.recordId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'PostpartumCheckRecorded', data }];
}

export const recordPostpartumCheck = action({
  type: 'RecordPostpartumCheck',
  summary: { zh: '孕产妇健康管理：产后42天健康检查', en: 'Record the 42-day postpartum check' },
  request: RecordPostpartumCheckRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordPostpartumCheck },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
