import type { FactLookup } from '@libs/records';
import { ForbiddenError } from './access-errors';
import type { Principal } from './principal';
import type { Role } from './roles';
import { withinScope } from './unit-scope';

/** What a change to an actor hands out: these roles, in this scope (null: all units). */
export interface Grant {
  roles: readonly Role[];
  unitId: string | null;
}

const ALL_UNITS_EN = 'all units';
const ALL_UNITS_ZH = '全部机构';

/**
 * Nobody grants more than they hold: every role handed out must be one of the granter's, and the
 * scope must lie inside the granter's own (the all-units scope only from an all-units actor).
 * Otherwise an admin of one centre could mint an auditor, or an actor above its own centre, and
 * through that actor's key read or change what it was never given.
 */
export async function assertMayGrant(
  by: Principal,
  grant: Grant,
  lookup: FactLookup,
  today: string,
): Promise<void> {
  if (by.operator) return;
  // The scope first, as authorize judges it for the actor changed, so both name the same refusal.
  const inside =
    by.unitId === null ||
    (grant.unitId !== null && (await withinScope(lookup, by.unitId, grant.unitId, today)));
  if (!inside) {
    const scopeEn = grant.unitId ?? ALL_UNITS_EN;
    const scopeZh = grant.unitId ?? ALL_UNITS_ZH;
    throw new ForbiddenError(
      'grant',
      `actor ${by.actorId} may not grant the scope ${scopeEn}: it lies outside its own (${by.unitId} and below)`,
      `用户 ${by.actorId} 不能授予 ${scopeZh} 的权限范围：超出其本人范围（${by.unitId} 及下级）`,
      { actorId: by.actorId, scope: by.unitId, refused: { scope: grant.unitId } },
    );
  }
  const notHeld = grant.roles.filter((r) => !by.roles.includes(r));
  if (notHeld.length > 0) {
    throw new ForbiddenError(
      'grant',
      `actor ${by.actorId} may not grant role ${notHeld.join(', ')}: it does not hold it (its roles: ${by.roles.join(', ') || 'none'})`,
      `用户 ${by.actorId} 不能授予角色 ${notHeld.join('、')}：本人并无此角色（其角色：${by.roles.join('、') || '无'}）`,
      { actorId: by.actorId, roles: by.roles, refused: { roles: notHeld } },
    );
  }
}
