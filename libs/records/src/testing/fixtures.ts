import { DeciderSpecification, type Then } from '@libs/ledger';
import type { Action, Decision } from '../commands/action';
import type { Facts } from '../commands/facts';
import { evolveDoctor, initialDoctorState, type DoctorState } from '../streams/doctor-events';
import { evolveOrgUnit, initialOrgUnitState, type OrgUnitState } from '../streams/org-unit-events';
import type { ResidentEvent } from '../streams/resident-events';
import type { UnitKind } from '../streams/vocabulary';

/** Ledger time of every spec: "today" is 2024-06-30 in China. */
export const NOW = '2024-06-30T04:00:00.000Z';

export function unit(unitId: string, kind: UnitKind = 'community_centre', openedOn = '2020-01-01', closedOn?: string): OrgUnitState {
  let s = evolveOrgUnit(initialOrgUnitState(), {
    type: 'OrgUnitRegistered',
    data: { unitId, name: unitId, kind, parentId: null, occurredAt: openedOn },
  });
  if (closedOn) s = evolveOrgUnit(s, { type: 'OrgUnitClosed', data: { unitId, occurredAt: closedOn } });
  return s;
}

export function doctor(doctorId = 'd1', unitId = 'u1', from = '2020-01-01'): DoctorState {
  return evolveDoctor(initialDoctorState(), { type: 'DoctorRegistered', data: { doctorId, unitId, teamId: null, occurredAt: from } });
}

/** A doctor of an open unit, as most service specs need. */
export const servingDoctor = (): Facts => ({ doctor: doctor(), doctorUnit: unit('u1') });

export const registered = (birthDate = '1950-04-01', residentId = 'r1'): ResidentEvent => ({
  type: 'ResidentRegistered',
  data: { residentId, birthDate, sex: 'female', unitId: 'u1', householdId: 'h1', tags: [], occurredAt: '2020-02-01' },
});

export const enrolled = (condition: 'hypertension' | 'diabetes' = 'hypertension', on = '2024-01-10', recordId = `enrol-${condition}`): ResidentEvent => ({
  type: 'ChronicCareEnrolled',
  data: { residentId: 'r1', recordId, condition, doctorId: null, occurredAt: on },
});

export const died = (on: string): ResidentEvent => ({ type: 'ResidentDied', data: { residentId: 'r1', occurredAt: on } });
export const movedOut = (on: string): ResidentEvent => ({ type: 'ResidentMovedOut', data: { residentId: 'r1', destination: null, occurredAt: on } });

/** given/when/then for one action, with ledger time and facts filled in. */
export function specFor<R>(a: Action, facts: Facts = {}) {
  const spec = DeciderSpecification.for(a.decider as unknown as Action['decider']);
  return (given: unknown[]) => ({
    when: (request: Partial<R> & Record<string, unknown>, extraFacts: Facts = {}): Then<unknown> =>
      spec(given as never[]).when({ now: NOW, facts: { ...facts, ...extraFacts }, commandId: 'cmd-1', ...request } as unknown as Decision<never>) as Then<unknown>,
  });
}
