import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertNotBeforeBirth, assertNotInFuture } from '../rules/dates';
import { assertResidentRegistered } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordResidentDeathRequest extends CommandRequest {
  @IsId() residentId!: string;
}

/**
 * A death may be reported after services already recorded past its date: it is accepted, and
 * those services are left for the fabrication detectors to flag rather than silently voided.
 */
export function decideRecordResidentDeath(
  c: Decision<RecordResidentDeathRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  assertNotBeforeBirth(c.occurredAt, state.birthDate);
  if (state.diedOn !== null) {
    refuse(
      'ALREADY_DECEASED',
      'conflict',
      `居民已于 ${state.diedOn} 登记死亡`,
      `the resident's death was already recorded (${state.diedOn})`,
      {
        diedOn: state.diedOn,
      },
    );
  }
  return [{ type: 'ResidentDied', data: { residentId: c.residentId, occurredAt: c.occurredAt } }];
}

export const recordResidentDeath = action({
  type: 'RecordResidentDeath',
  summary: { zh: '登记居民死亡', en: "Record a resident's death" },
  request: RecordResidentDeathRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordResidentDeath },
  unitsTouched: residentUnit,
});
