import { IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture } from '../rules/dates';
import { assertResidentRegistered } from '../rules/resident-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { assertReason, assertRecordLive } from '../correct-record/record-guards';

export class VoidRecordRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsId() recordId!: string;
  @IsString() @Length(1, 500) reason!: string;
}

/** A voided record stays in the log for the audit trail and stops counting everywhere. */
export function decideVoidRecord(
  c: Decision<VoidRecordRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  assertReason(c.reason);
  const record = assertRecordLive(state, c.recordId);
  return [
    {
      type: 'RecordVoided',
      data: {
        residentId: c.residentId,
        recordId: c.recordId,
        recordType: record.recordType,
        reason: c.reason.trim(),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const voidRecord = action({
  type: 'VoidRecord',
  summary: { zh: '作废记录（注明原因）', en: 'Void a record, with a reason' },
  request: VoidRecordRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideVoidRecord },
  unitsTouched: residentUnit,
});
