import { IsString, Matches, MaxLength } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest, ID_MESSAGE, ID_PATTERN } from '../commands/command-request';
import type { OrgUnitEvent, OrgUnitState } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { assertUnitOpen } from '../rules/unit-guards';
import { assertChangeInOrder } from '../register-org-unit/change-guard';
import { orgUnitStream } from '../register-org-unit/org-unit-decider';

export class CloseOrgUnitRequest extends CommandRequest {
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unitId!: string;
}

/** Closing keeps the history: replays before the day still see the unit. */
export function decideCloseOrgUnit(
  c: Decision<CloseOrgUnitRequest>,
  state: OrgUnitState,
): OrgUnitEvent[] {
  assertUnitOpen(state, c.unitId, chinaDay(c.occurredAt));
  assertChangeInOrder(state, c.unitId, chinaDay(c.occurredAt));
  assertNotInFuture(c.occurredAt, c.now);
  return [{ type: 'OrgUnitClosed', data: { unitId: c.unitId, occurredAt: c.occurredAt } }];
}

export const closeOrgUnit = action({
  type: 'CloseOrgUnit',
  summary: { zh: '撤销机构（自生效日起）', en: 'Close a unit from an effective date' },
  request: CloseOrgUnitRequest,
  stream: (r) => streamIds.orgUnit(r.unitId),
  decider: { ...orgUnitStream, decide: decideCloseOrgUnit },
  unitsTouched: (r) => [r.unitId],
});
