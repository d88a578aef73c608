import type { FactLookup } from '@libs/records';
import { ForbiddenError } from './access-errors';
import type { Principal } from './principal';
import { type Permission, UNSCOPED_READ_ROLES, permissionsOf } from './roles';
import { withinScope } from './unit-scope';

export interface AccessRequest {
  permission: Permission;
  /** Units acted on; [] means above every unit (unscoped actors only); null: nothing to check. */
  units: string[] | null;
  /** Reads by auditors cross every scope. */
  read?: boolean;
}

/** Throws ForbiddenError naming the missing role or the unit outside the actor's scope. */
export async function authorize(
  principal: Principal,
  request: AccessRequest,
  lookup: FactLookup,
  today: string,
): Promise<void> {
  if (principal.operator) return;
  if (!permissionsOf(principal.roles).has(request.permission)) {
    throw new ForbiddenError(
      'role',
      `actor ${principal.actorId} (roles: ${principal.roles.join(', ') || 'none'}) lacks permission ${request.permission}`,
      `用户 ${principal.actorId}（角色：${principal.roles.join('、') || '无'}）无权执行 ${request.permission}`,
      { actorId: principal.actorId, roles: principal.roles, permission: request.permission },
    );
  }
  const unscoped =
    principal.unitId === null ||
    (request.read && principal.roles.some((r) => UNSCOPED_READ_ROLES.includes(r)));
  if (unscoped || request.units === null) return;
  const outside: string[] = [];
  if (request.units.length === 0) outside.push('(above every unit)');
  for (const unitId of request.units) {
    if (!(await withinScope(lookup, principal.unitId!, unitId, today))) outside.push(unitId);
  }
  if (outside.length > 0) {
    throw new ForbiddenError(
      'scope',
      `unit ${outside.join(', ')} is outside the scope of actor ${principal.actorId} (${principal.unitId} and below)`,
      `机构 ${outside.join('、')} 不在用户 ${principal.actorId} 的权限范围（${principal.unitId} 及下级）内`,
      { actorId: principal.actorId, scope: principal.unitId, outside },
    );
  }
}
