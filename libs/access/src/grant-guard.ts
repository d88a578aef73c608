import type { EventStore } from '@libs/ledger';
import { type Action, type CommandRequest, type FactLookup, chinaDay } from '@libs/records';
import type { ActorState } from './actor-events';
import { assertActive } from './actor-decider';
import type { BindApiKeyRequest } from './bind-api-key/bind-api-key.action';
import type { ChangeRolesRequest } from './change-roles/change-roles.action';
import { type Grant, assertMayGrant } from './grant-policy';
import type { Principal } from './principal';
import { readActor } from './read-actor';
import type { RegisterActorRequest } from './register-actor/register-actor.action';

/**
 * What an actor command hands out, judged on the actor's stream as it stands: a new actor its
 * roles and scope; a grant its roles, in the actor's scope; a key everything the actor holds,
 * since whoever receives the key acts with all of it. Revocations and the directory hand out
 * nothing (authorize still holds them to the granter's subtree).
 */
async function grantOf(
  action: Action,
  request: CommandRequest,
  state: unknown,
  store: EventStore,
): Promise<Grant | undefined> {
  switch (action.type) {
    case 'RegisterActor': {
      const r = request as RegisterActorRequest;
      return { roles: r.roles, unitId: r.unitId ?? null };
    }
    case 'GrantRoles':
      return { roles: (request as ChangeRolesRequest).roles, unitId: (state as ActorState).unitId };
    case 'IssueApiKey': {
      const actor = state as ActorState;
      return { roles: actor.roles, unitId: actor.unitId };
    }
    case 'BindApiKey': {
      // The binding's own stream says nothing of the actor: read it, so no binding is written
      // for an actor the granter could not issue a key to.
      const { actorId } = request as BindApiKeyRequest;
      const actor = await readActor(store, actorId);
      assertActive(actor, actorId);
      return { roles: actor.roles, unitId: actor.unitId };
    }
    default:
      return undefined;
  }
}

/** The executeCommand guard for actor administration: refuses any grant beyond the granter's. */
export function grantGuard(by: Principal, store: EventStore, lookup: FactLookup) {
  return async (action: Action, request: CommandRequest, state: unknown, now: string) => {
    const grant = await grantOf(action, request, state, store);
    if (grant) await assertMayGrant(by, grant, lookup, chinaDay(now));
  };
}
