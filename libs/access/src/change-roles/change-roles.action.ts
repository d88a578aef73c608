import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { action, CommandRequest, type Decision, IsId } from '@libs/records';
import { type ActorEvent, type ActorState, actorStream } from '../actor-events';
import { actorStreamDecider, assertActive } from '../actor-decider';
import { ROLES, type Role } from '../roles';

export class ChangeRolesRequest extends CommandRequest {
  @IsId() actorId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true }) roles!: Role[];
}

export function decideGrantRoles(c: Decision<ChangeRolesRequest>, state: ActorState): ActorEvent[] {
  assertActive(state, c.actorId);
  const roles = c.roles.filter((r) => !state.roles.includes(r));
  return roles.length
    ? [{ type: 'RolesGranted', data: { actorId: c.actorId, roles, occurredAt: c.occurredAt } }]
    : [];
}

export function decideRevokeRoles(
  c: Decision<ChangeRolesRequest>,
  state: ActorState,
): ActorEvent[] {
  assertActive(state, c.actorId);
  const roles = c.roles.filter((r) => state.roles.includes(r));
  return roles.length
    ? [{ type: 'RolesRevoked', data: { actorId: c.actorId, roles, occurredAt: c.occurredAt } }]
    : [];
}

const base = {
  request: ChangeRolesRequest,
  stream: (r: ChangeRolesRequest) => actorStream(r.actorId),
};
export const grantRoles = action({
  ...base,
  type: 'GrantRoles',
  summary: { zh: '授予角色', en: 'Grant roles to an actor' },
  decider: { ...actorStreamDecider, decide: decideGrantRoles },
  unitsTouched: (_r, s) => ((s as ActorState).unitId ? [(s as ActorState).unitId!] : []),
});
export const revokeRoles = action({
  ...base,
  type: 'RevokeRoles',
  summary: { zh: '收回角色', en: "Revoke some of an actor's roles" },
  decider: { ...actorStreamDecider, decide: decideRevokeRoles },
  unitsTouched: (_r, s) => ((s as ActorState).unitId ? [(s as ActorState).unitId!] : []),
});
