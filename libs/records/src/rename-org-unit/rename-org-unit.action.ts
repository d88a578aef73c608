import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest, ID_MESSAGE, ID_PATTERN } from '../commands/command-request';
import { type OrgUnitEvent, type OrgUnitState, unitOn } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';
import { assertChangeInOrder } from '../register-org-unit/change-guard';
import { orgUnitStream } from '../register-org-unit/org-unit-decider';

export class RenameOrgUnitRequest extends CommandRequest {
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unitId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;
}

export function decideRenameOrgUnit(
  c: Decision<RenameOrgUnitRequest>,
  state: OrgUnitState,
): OrgUnitEvent[] {
  const day = chinaDay(c.occurredAt);
  assertUnitOpen(state, c.unitId, day);
  assertChangeInOrder(state, c.unitId, day);
  assertNotInFuture(c.occurredAt, c.now);
  const previousName = unitOn(state, day)!.name;
  if (previousName === c.name) {
    refuse(
      'NAME_UNCHANGED',
      'unprocessable',
      `机构已叫 ${c.name}`,
      `unit is already named ${c.name}`,
      { unitId: c.unitId },
    );
  }
  return [
    {
      type: 'OrgUnitRenamed',
      data: { unitId: c.unitId, name: c.name, previousName, occurredAt: c.occurredAt },
    },
  ];
}

export const renameOrgUnit = action({
  type: 'RenameOrgUnit',
  summary: { zh: '机构更名（自生效日起）', en: 'Rename a unit from an effective date' },
  request: RenameOrgUnitRequest,
  stream: (r) => streamIds.orgUnit(r.unitId),
  decider: { ...orgUnitStream, decide: decideRenameOrgUnit },
  unitsTouched: (r) => [r.unitId],
});
