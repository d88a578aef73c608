import { chinaDay } from '../rules/dates';

/** A doctor's unit and team from a day; `name` (王医生) only where the command gave one. */
export interface DoctorEventData {
  doctorId: string;
  unitId: string;
  teamId: string | null;
  name?: string;
  occurredAt: string;
}

export type DoctorEvent =
  | { type: 'DoctorRegistered'; data: DoctorEventData }
  | { type: 'DoctorAssigned'; data: DoctorEventData };

export interface Membership {
  from: string;
  unitId: string;
  teamId: string | null;
}

export interface DoctorState {
  registered: boolean;
  doctorId: string;
  /** The latest name given, or null when none ever was. */
  name: string | null;
  memberships: Membership[];
}

export const initialDoctorState = (): DoctorState => ({
  registered: false,
  doctorId: '',
  name: null,
  memberships: [],
});

export function evolveDoctor(state: DoctorState, event: DoctorEvent): DoctorState {
  switch (event.type) {
    case 'DoctorRegistered':
    case 'DoctorAssigned': {
      const d = event.data;
      const membership = { from: chinaDay(d.occurredAt), unitId: d.unitId, teamId: d.teamId };
      return {
        registered: true,
        doctorId: d.doctorId,
        name: d.name ?? state.name,
        memberships: [...state.memberships, membership],
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Where the doctor worked on a day (memberships are effective-dated, the latest start wins). */
export function membershipOn(state: DoctorState, day: string): Membership | undefined {
  return [...state.memberships].reverse().find((m) => m.from <= day);
}
