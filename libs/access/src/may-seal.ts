import type { FactLookup } from '@libs/records';
import { ForbiddenError } from './access-errors';
import { ABOVE_EVERY_UNIT } from './authorize';
import type { Principal } from './principal';
import { permissionsOf } from './roles';
import { withinScope } from './unit-scope';

/**
 * The one rule for sealing, shared by `POST /api/v1/seals` and `ledger seal --key`: the caller
 * may seal (auditors) and the unit lies inside its scope. A seal signs a unit's figures and locks
 * its year, so an auditor of one centre must not freeze its district or a neighbour. No unit
 * means the top of the tree, which only an actor scoped at the root (all units) may seal.
 */
export async function assertMaySeal(
  principal: Principal,
  unitId: string | undefined,
  lookup: FactLookup,
  today: string,
): Promise<void> {
  if (principal.operator) return;
  const { actorId, roles, unitId: scope } = principal;
  if (!permissionsOf(roles).has('periods:seal')) {
    throw new ForbiddenError(
      'role',
      `actor ${actorId} (roles: ${roles.join(', ') || 'none'}) is not an auditor: only auditors seal a period`,
      `用户 ${actorId}（角色：${roles.join('、') || '无'}）不是审计员，只有审计员可以封存考核期`,
      { actorId, roles, permission: 'periods:seal' },
    );
  }
  if (scope === null) return;
  if (unitId === undefined) {
    throw new ForbiddenError(
      'scope',
      `actor ${actorId} may not seal the top of the tree (all units): its scope is ${scope} and below; name a unit inside it`,
      `用户 ${actorId} 不能封存全部机构：其权限范围为 ${scope} 及下级，请指定范围内的机构`,
      { actorId, scope, outside: [ABOVE_EVERY_UNIT] },
    );
  }
  if (!(await withinScope(lookup, scope, unitId, today))) {
    throw new ForbiddenError(
      'scope',
      `actor ${actorId} may not seal unit ${unitId}: it is outside its scope (${scope} and below)`,
      `用户 ${actorId} 不能封存机构 ${unitId}：不在其权限范围（${scope} 及下级）内`,
      { actorId, scope, outside: [unitId] },
    );
  }
}
