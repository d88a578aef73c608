import { type Permission, type Principal, authorize } from '@libs/access';
import type { UnitTree } from '@libs/indicators';
import type { FactLookup } from '@libs/records';
import { refuse } from '@libs/records';

/**
 * The unit a figures request is about (rates, reconciliation, funds): the one asked for, if the
 * caller may read it, else the root of the caller's scope (or the top of the tree for unscoped
 * callers).
 */
export async function unitForRequest(
  principal: Principal,
  asked: string | undefined,
  tree: UnitTree,
  lookup: FactLookup,
  today: string,
  permission: Permission = 'rates:read',
): Promise<string> {
  const unitId = asked ?? principal.unitId ?? tree.children(null)[0]?.unitId;
  if (!unitId)
    return refuse(
      'NO_UNITS',
      'not_found',
      '尚未登记任何机构',
      'no organisation units are registered yet',
    );
  await authorize(principal, { permission, units: [unitId], read: true }, lookup, today);
  if (!tree.nodes.has(unitId))
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${unitId} 在该期间不存在`,
      `unit ${unitId} does not exist in that period`,
      { unitId },
    );
  return unitId;
}
