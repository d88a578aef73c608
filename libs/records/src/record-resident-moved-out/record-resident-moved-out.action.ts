import { IsOptional, IsString, MaxLength } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordResidentMovedOutRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** Where to, in words a supervisor understands (a district, "out of province"); no address. */
  @IsOptional() @IsString() @MaxLength(100) destination?: string;
}

export function decideRecordResidentMovedOut(
  c: Decision<RecordResidentMovedOutRequest>,
  state: ResidentState,
): ResidentEvent[] {
  // The move itself must be dated before any death or earlier move.
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (state.movedOutOn !== null) {
    refuse(
      'ALREADY_MOVED_OUT',
      'conflict',
      `居民已于 ${state.movedOutOn} 迁出`,
      `the resident's move-out was already recorded (${state.movedOutOn})`,
      { movedOutOn: state.movedOutOn },
    );
  }
  return [
    {
      type: 'ResidentMovedOut',
      data: {
        residentId: c.residentId,
        destination: c.destination ?? null,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const recordResidentMovedOut = action({
  type: 'RecordResidentMovedOut',
  summary: { zh: '登记居民迁出', en: 'Record that a resident moved away' },
  request: RecordResidentMovedOutRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordResidentMovedOut },
  unitsTouched: residentUnit,
});
