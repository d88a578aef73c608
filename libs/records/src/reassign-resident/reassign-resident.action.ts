import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { chinaDay } from '../rules/dates';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';
import { residentStream } from '../register-resident/resident-stream';

export class ReassignResidentRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** The unit that manages the resident from occurredAt on. */
  @IsId() unitId!: string;
}

export function decideReassignResident(
  c: Decision<ReassignResidentRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (state.unitId === c.unitId) {
    refuse(
      'UNIT_UNCHANGED',
      'unprocessable',
      `居民已由 ${c.unitId} 管理`,
      `resident is already managed by ${c.unitId}`,
      { unitId: c.unitId },
    );
  }
  assertUnitOpen(c.facts.unit, c.unitId, chinaDay(c.occurredAt));
  return [
    {
      type: 'ResidentReassigned',
      data: {
        residentId: c.residentId,
        fromUnitId: state.unitId!,
        toUnitId: c.unitId,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const reassignResident = action({
  type: 'ReassignResident',
  summary: {
    zh: '居民转由另一机构管理（自生效日起）',
    en: 'Reassign a resident to another unit from a date',
  },
  request: ReassignResidentRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideReassignResident },
  unitsTouched: (r, s) => (s.unitId ? [s.unitId, r.unitId] : null),
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
