import { evolveActor, initialActorState, type ActorState } from './actor-events';
import { refuse } from '@libs/records';

export const actorStreamDecider = { evolve: evolveActor, initialState: initialActorState };

export function assertActive(state: ActorState, actorId: string): void {
  if (!state.registered)
    refuse(
      'ACTOR_NOT_FOUND',
      'not_found',
      `用户 ${actorId} 不存在`,
      `actor ${actorId} does not exist`,
      { actorId },
    );
  if (state.revoked)
    refuse(
      'ACTOR_REVOKED',
      'conflict',
      `用户 ${actorId} 已停用`,
      `actor ${actorId} has been revoked`,
      { actorId },
    );
}
