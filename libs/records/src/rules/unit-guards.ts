import { type OrgUnitState, unitOn } from '../streams/org-unit-events';
import { refuse } from './rule-error';

/** The unit exists and is open on the day. */
export function assertUnitOpen(
  unit: OrgUnitState | undefined,
  unitId: string,
  day: string,
  role = 'unit',
): OrgUnitState {
  if (!unit?.registered) {
    return refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${unitId} 不存在`,
      `${role} ${unitId} does not exist`,
      { unitId },
    );
  }
  if (!unitOn(unit, day)) {
    return refuse(
      'UNIT_NOT_OPEN',
      'unprocessable',
      `机构 ${unitId} 在 ${day} 未开设或已撤销`,
      `${role} ${unitId} is not open on ${day}`,
      {
        unitId,
        day,
        openedOn: unit.openedOn,
        closedOn: unit.closedOn,
      },
    );
  }
  return unit;
}
