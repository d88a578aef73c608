import type { Action, FactLookup } from '@libs/records';
import { chinaDay } from '@libs/records';
import type { Clock } from '@libs/ledger';
import { ForbiddenError } from './access-errors';
import { authorize } from './authorize';
import { COMMAND_PERMISSIONS } from './command-permissions';
import type { Principal } from './principal';

/** The hook executeCommand calls after loading the stream, before deciding. */
export function commandAuthorizer(principal: Principal, lookup: FactLookup, clock: Clock) {
  return async (action: Action, units: string[] | null): Promise<void> => {
    const permission = COMMAND_PERMISSIONS[action.type];
    if (!permission && !principal.operator) {
      throw new ForbiddenError(
        'role',
        `no role may run ${action.type}`,
        `任何角色都不能执行 ${action.type}`,
        { type: action.type },
      );
    }
    if (permission)
      await authorize(principal, { permission, units }, lookup, chinaDay(clock().toISOString()));
  };
}
