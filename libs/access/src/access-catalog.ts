import type { Action } from '@libs/records';
import { bindApiKey } from './bind-api-key/bind-api-key.action';
import { grantRoles, revokeRoles } from './change-roles/change-roles.action';
import { issueApiKey } from './issue-api-key/issue-api-key.action';
import { listActor } from './list-actor/list-actor.action';
import { registerActor } from './register-actor/register-actor.action';
import { revokeActor } from './revoke-actor/revoke-actor.action';
import { revokeApiKey } from './revoke-api-key/revoke-api-key.action';

/** Actor administration runs through the same handler, but never through the public catalog. */
export const ACCESS_ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    registerActor,
    listActor,
    grantRoles,
    revokeRoles,
    revokeActor,
    bindApiKey,
    issueApiKey,
    revokeApiKey,
  ].map((a) => [a.type, a]),
);
