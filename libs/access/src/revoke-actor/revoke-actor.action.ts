import { IsString, Length } from 'class-validator';
import { action, CommandRequest, type Decision, IsId } from '@libs/records';
import { type ActorEvent, type ActorState, actorStream } from '../actor-events';
import { actorStreamDecider, assertActive } from '../actor-decider';

export class RevokeActorRequest extends CommandRequest {
  @IsId() actorId!: string;
  @IsString() @Length(1, 500) reason!: string;
}

/** Revoking an actor revokes every key it holds, effective on the next request. */
export function decideRevokeActor(
  c: Decision<RevokeActorRequest>,
  state: ActorState,
): ActorEvent[] {
  assertActive(state, c.actorId);
  return [
    {
      type: 'ActorRevoked',
      data: { actorId: c.actorId, reason: c.reason, occurredAt: c.occurredAt },
    },
  ];
}

export const revokeActor = action({
  type: 'RevokeActor',
  summary: { zh: '停用用户（其全部密钥随即失效）', en: 'Revoke an actor and all its keys' },
  request: RevokeActorRequest,
  stream: (r) => actorStream(r.actorId),
  decider: { ...actorStreamDecider, decide: decideRevokeActor },
  unitsTouched: (_r, s) => ((s as ActorState).unitId ? [(s as ActorState).unitId!] : []),
});
