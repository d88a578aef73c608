import { IsString, Matches, MaxLength } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest, ID_MESSAGE, ID_PATTERN } from '../commands/command-request';
import { type OrgUnitEvent, type OrgUnitState, unitOn } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';
import { assertChangeInOrder } from '../register-org-unit/change-guard';
import { orgUnitStream } from '../register-org-unit/org-unit-decider';
import { assertParentFits } from '../register-org-unit/parent-guard';

export class MoveOrgUnitRequest extends CommandRequest {
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unitId!: string;

  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  parentId!: string;
}

export function decideMoveOrgUnit(
  c: Decision<MoveOrgUnitRequest>,
  state: OrgUnitState,
): OrgUnitEvent[] {
  const day = chinaDay(c.occurredAt);
  assertUnitOpen(state, c.unitId, day);
  assertChangeInOrder(state, c.unitId, day);
  assertNotInFuture(c.occurredAt, c.now);
  const previousParentId = unitOn(state, day)!.parentId;
  if (previousParentId === c.parentId) {
    refuse(
      'PARENT_UNCHANGED',
      'unprocessable',
      `机构已隶属于 ${c.parentId}`,
      `unit is already under ${c.parentId}`,
      { unitId: c.unitId },
    );
  }
  assertParentFits(c.facts.parent, c.parentId, state.kind!, day);
  return [
    {
      type: 'OrgUnitMoved',
      data: { unitId: c.unitId, parentId: c.parentId, previousParentId, occurredAt: c.occurredAt },
    },
  ];
}

export const moveOrgUnit = action({
  type: 'MoveOrgUnit',
  summary: {
    zh: '调整机构隶属关系（自生效日起）',
    en: 'Move a unit under another parent from an effective date',
  },
  request: MoveOrgUnitRequest,
  stream: (r) => streamIds.orgUnit(r.unitId),
  decider: { ...orgUnitStream, decide: decideMoveOrgUnit },
  unitsTouched: (r) => [r.unitId, r.parentId],
  facts: async (r, lookup) => ({ parent: await lookup.unit(r.parentId) }),
});
