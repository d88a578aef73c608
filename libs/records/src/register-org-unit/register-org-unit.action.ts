import { action } from '../commands/action';
import type { OrgUnitEvent, OrgUnitState } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { orgUnitStream } from './org-unit-decider';
import { assertParentFits } from './parent-guard';
import { RegisterOrgUnitRequest } from './register-org-unit.request';
import type { Decision } from '../commands/action';

export function decideRegisterOrgUnit(
  c: Decision<RegisterOrgUnitRequest>,
  state: OrgUnitState,
): OrgUnitEvent[] {
  if (state.registered) {
    refuse(
      'UNIT_ALREADY_REGISTERED',
      'conflict',
      `机构 ${c.unitId} 已登记`,
      `unit ${c.unitId} is already registered`,
      { unitId: c.unitId },
    );
  }
  assertNotInFuture(c.occurredAt, c.now);
  if (c.parentId) assertParentFits(c.facts.parent, c.parentId, c.kind, chinaDay(c.occurredAt));
  return [
    {
      type: 'OrgUnitRegistered',
      data: {
        unitId: c.unitId,
        name: c.name,
        kind: c.kind,
        parentId: c.parentId ?? null,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const registerOrgUnit = action({
  type: 'RegisterOrgUnit',
  summary: {
    zh: '登记机构（中心、站、村卫生室、家庭医生团队等）',
    en: 'Register an organisation unit (centre, station, clinic, team…)',
  },
  request: RegisterOrgUnitRequest,
  stream: (r) => streamIds.orgUnit(r.unitId),
  decider: { ...orgUnitStream, decide: decideRegisterOrgUnit },
  unitsTouched: (r) => (r.parentId ? [r.parentId] : []),
  facts: async (r, lookup) => (r.parentId ? { parent: await lookup.unit(r.parentId) } : {}),
});
