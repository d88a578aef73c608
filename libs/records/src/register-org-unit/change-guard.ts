import type { OrgUnitState } from '../streams/org-unit-events';
import { refuse } from '../rules/rule-error';

/**
 * Renames, moves and closures are effective-dated and must come in date order: a back-dated
 * change would silently rewrite the history a replay relies on. A wrong date is corrected by
 * a later change, not by inserting one in the past.
 */
export function assertChangeInOrder(state: OrgUnitState, unitId: string, day: string): void {
  if (state.closedOn !== null) {
    refuse(
      'UNIT_CLOSED',
      'conflict',
      `机构 ${unitId} 已于 ${state.closedOn} 撤销`,
      `unit ${unitId} was closed on ${state.closedOn}`,
      { unitId, closedOn: state.closedOn },
    );
  }
  const latest = state.versions[state.versions.length - 1];
  if (latest && day < latest.from) {
    refuse(
      'CHANGE_NOT_IN_ORDER',
      'unprocessable',
      `生效日期 ${day} 早于上一次变更（${latest.from}）`,
      `effective date ${day} is before the unit's latest change (${latest.from})`,
      {
        unitId,
        latestFrom: latest.from,
      },
    );
  }
}
