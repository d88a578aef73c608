import type { FactLookup } from '@libs/records';
import { ForbiddenError } from './access-errors';
import type { Principal } from './principal';
import { type Permission, permissionsOf } from './roles';
import { withinScope } from './unit-scope';

/** How a refusal lists acting above every unit (e.g. a top-level unit, the all-units scope). */
export const ABOVE_EVERY_UNIT = '(above every unit)';

export interface AccessRequest {
  permission: Permission;
  /** Units acted on; [] means above every unit (unscoped actors only); null: nothing to check. */
  units: string[] | null;
  /**
   * Marks a read. Reads obey the unit scope like writes: no role reads outside its subtree, so
   * the auditor who reads everything is the one scoped at the root (no unit). A role that read
   * across scopes let a centre's auditor, or any admin able to grant that role, see every unit.
   */
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
  if (principal.unitId === null || request.units === null) return;
  const outside: string[] = [];
  if (request.units.length === 0) outside.push(ABOVE_EVERY_UNIT);
  for (const unitId of request.units) {
    if (!(await withinScope(lookup, principal.unitId!, unitId, today))) outside.push(unitId);
  }
  if (outside.length > 0) {
    // "Above every unit" is named in words in each language, so the refusal reads as what it is.
    const en = outside.map((u) => (u === ABOVE_EVERY_UNIT ? 'all units' : `unit ${u}`));
    const zh = outside.map((u) => (u === ABOVE_EVERY_UNIT ? '全部机构' : `机构 ${u}`));
    throw new ForbiddenError(
      'scope',
      `${en.join(', ')} is outside the scope of actor ${principal.actorId} (${principal.unitId} and below)`,
      `${zh.join('、')} 不在用户 ${principal.actorId} 的权限范围（${principal.unitId} 及下级）内`,
      { actorId: principal.actorId, scope: principal.unitId, outside },
    );
  }
}
