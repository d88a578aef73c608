import { IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { assertWoman, postpartumDelivery } from '../rules/maternal-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordPostpartumVisitRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
}

/**
 * A postpartum home visit (产后访视), after the mother left hospital. Counted when within 28
 * days of the discharge; a later one is recorded and not counted.
 */
export function decideRecordPostpartumVisit(
  c: Decision<RecordPostpartumVisitRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertWoman(state, c.residentId);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const delivery = postpartumDelivery(state, c, 'visit');
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    deliveryRecordId: delivery.recordId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'PostpartumVisitRecorded', data }];
}

export const recordPostpartumVisit = action({
  type: 'RecordPostpartumVisit',
  summary: { zh: '孕产妇健康管理：产后访视', en: 'Record a postpartum home visit' },
  request: RecordPostpartumVisitRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordPostpartumVisit },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
