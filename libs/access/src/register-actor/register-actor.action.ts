import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { action, CommandRequest, type Decision, IsId, refuse } from '@libs/records';
import { type ActorEvent, type ActorState, actorStream } from '../actor-events';
import { actorStreamDecider } from '../actor-decider';
import { ROLES, type Role } from '../roles';

export class RegisterActorRequest extends CommandRequest {
  @IsId() actorId!: string;
  /** A display name of the account (a role or office, not a person's ID number). */
  @IsString() @Length(1, 100) name!: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true }) roles!: Role[];
  /** Root of the unit subtree the actor may act in; absent: the whole ledger. */
  @IsOptional() @IsId() unitId?: string;
}

export function decideRegisterActor(
  c: Decision<RegisterActorRequest>,
  state: ActorState,
): ActorEvent[] {
  if (state.registered)
    refuse(
      'ACTOR_ALREADY_REGISTERED',
      'conflict',
      `用户 ${c.actorId} 已存在`,
      `actor ${c.actorId} already exists`,
      { actorId: c.actorId },
    );
  if (c.unitId && !c.facts.unit?.registered) {
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.unitId} 不存在`,
      `unit ${c.unitId} does not exist`,
      { unitId: c.unitId },
    );
  }
  return [
    {
      type: 'ActorRegistered',
      data: {
        actorId: c.actorId,
        name: c.name,
        roles: c.roles,
        unitId: c.unitId ?? null,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const registerActor = action({
  type: 'RegisterActor',
  summary: {
    zh: '登记系统用户及其角色和机构范围',
    en: 'Register an actor with roles and a unit scope',
  },
  request: RegisterActorRequest,
  stream: (r) => actorStream(r.actorId),
  decider: { ...actorStreamDecider, decide: decideRegisterActor },
  facts: async (r, lookup) => (r.unitId ? { unit: await lookup.unit(r.unitId) } : {}),
  unitsTouched: (r) => (r.unitId ? [r.unitId] : []),
});
