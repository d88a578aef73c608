import type { FactLookup, Facts } from '../commands/facts';
import type { OrgUnitState } from '../streams/org-unit-events';
import type { UnitActivityState } from '../streams/unit-activity-events';
import { SERVICE_UNIT_CLASS } from '../streams/vocabulary';
import { chinaDay } from './dates';
import { doctorFacts } from './doctor-guards';
import { refuse } from './rule-error';
import { assertUnitOpen } from './unit-guards';

/**
 * The unit exists, is open on the day, and is a centre, station or village clinic: only they
 * hold lectures, report cases and assist supervision. A district or a team records nothing
 * of its own here (a team's lecture is its centre's or station's).
 */
export function assertServiceUnitOpen(
  unit: OrgUnitState | undefined,
  unitId: string,
  occurredAt: string,
): void {
  const u = assertUnitOpen(unit, unitId, chinaDay(occurredAt));
  if (!SERVICE_UNIT_CLASS[u.kind!])
    refuse(
      'UNIT_NOT_SERVICE_UNIT',
      'unprocessable',
      `${u.kind} 类机构不开展此项服务，请记在所属中心、站或村卫生室`,
      `a ${u.kind} does not hold this service itself; record it under its centre, station or village clinic`,
      { unitId, kind: u.kind },
    );
}

/** The sender's record id, or the commandId; once per unit and year. */
export function newActivityId(
  state: UnitActivityState,
  c: { recordId?: string; commandId: string; unitId: string },
): string {
  const recordId = c.recordId ?? c.commandId;
  if (state.recordIds[recordId])
    refuse(
      'RECORD_ID_TAKEN',
      'conflict',
      `记录编号 ${recordId} 已使用`,
      `record id ${recordId} is already used for this unit`,
      { recordId, unitId: c.unitId },
    );
  return recordId;
}

/** The unit, and the doctor with the unit they belonged to on the day. */
export async function activityFacts(
  lookup: FactLookup,
  r: { unitId: string; doctorId: string; occurredAt: string },
): Promise<Facts> {
  return {
    unit: await lookup.unit(r.unitId),
    ...(await doctorFacts(lookup, r.doctorId, r.occurredAt)),
  };
}
