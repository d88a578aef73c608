import { IsOptional, IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  type DoctorEvent,
  type DoctorState,
  evolveDoctor,
  initialDoctorState,
  membershipOn,
} from '../streams/doctor-events';
import { unitOn } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';

export class RegisterDoctorRequest extends CommandRequest {
  @IsId() doctorId!: string;
  /** The centre, station or clinic the doctor works in from occurredAt. */
  @IsId() unitId!: string;
  /** The family doctor team (a unit of kind team), if any. */
  @IsOptional() @IsId() teamId?: string;
  /**
   * The name a reader knows the doctor by (王医生): shown beside the id on the dashboard. A
   * doctor is named here as a professional at work, not as a resident: the name is kept in the
   * ledger itself, not in the personal-data vault. Absent: the doctor keeps the name given
   * before, if any.
   */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  name?: string;
}

/** First registration, or a move to another unit/team from the effective date. */
export function decideRegisterDoctor(
  c: Decision<RegisterDoctorRequest>,
  state: DoctorState,
): DoctorEvent[] {
  const day = chinaDay(c.occurredAt);
  assertNotInFuture(c.occurredAt, c.now);
  assertUnitOpen(c.facts.unit, c.unitId, day);
  if (c.teamId) {
    const team = assertUnitOpen(c.facts.team, c.teamId, day, 'team');
    if (team.kind !== 'team') {
      refuse(
        'NOT_A_TEAM',
        'unprocessable',
        `${c.teamId} 不是家庭医生团队`,
        `${c.teamId} is not a family doctor team`,
        { teamId: c.teamId },
      );
    }
    if (unitOn(team, day)?.parentId !== c.unitId) {
      refuse(
        'TEAM_NOT_IN_UNIT',
        'unprocessable',
        `团队 ${c.teamId} 不隶属于 ${c.unitId}`,
        `team ${c.teamId} does not belong to unit ${c.unitId} on ${day}`,
        {
          teamId: c.teamId,
          unitId: c.unitId,
        },
      );
    }
  }
  const data = {
    doctorId: c.doctorId,
    unitId: c.unitId,
    teamId: c.teamId ?? null,
    // Only when given: events of doctors registered without a name stay as they were.
    ...(c.name === undefined ? {} : { name: c.name }),
    occurredAt: c.occurredAt,
  };
  if (!state.registered) return [{ type: 'DoctorRegistered', data }];
  const current = state.memberships[state.memberships.length - 1];
  if (day <= current.from) {
    refuse(
      'ASSIGNMENT_NOT_LATER',
      'unprocessable',
      `新的任职须晚于 ${current.from}`,
      `a new assignment must start after ${current.from}`,
      {
        doctorId: c.doctorId,
        currentFrom: current.from,
      },
    );
  }
  const on = membershipOn(state, day);
  if (on?.unitId === c.unitId && on.teamId === (c.teamId ?? null)) {
    refuse(
      'DOCTOR_ALREADY_REGISTERED',
      'conflict',
      `医生 ${c.doctorId} 已在该机构/团队`,
      `doctor ${c.doctorId} is already in that unit and team`,
      {
        doctorId: c.doctorId,
      },
    );
  }
  return [{ type: 'DoctorAssigned', data }];
}

export const registerDoctor = action({
  type: 'RegisterDoctor',
  summary: {
    zh: '登记医生或调整其所在机构/团队（自生效日起）',
    en: 'Register a doctor, or move them to another unit/team from a date',
  },
  request: RegisterDoctorRequest,
  stream: (r) => streamIds.doctor(r.doctorId),
  decider: { evolve: evolveDoctor, initialState: initialDoctorState, decide: decideRegisterDoctor },
  unitsTouched: (r) => (r.teamId ? [r.unitId, r.teamId] : [r.unitId]),
  facts: async (r, lookup) => ({
    unit: await lookup.unit(r.unitId),
    team: r.teamId ? await lookup.unit(r.teamId) : undefined,
  }),
});
