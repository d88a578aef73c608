import { chinaDay } from '../rules/dates';

export type DoctorEvent =
  | {
      type: 'DoctorRegistered';
      data: { doctorId: string; unitId: string; teamId: string | null; occurredAt: string };
    }
  | {
      type: 'DoctorAssigned';
      data: { doctorId: string; unitId: string; teamId: string | null; occurredAt: string };
    };

export interface Membership {
  from: string;
  unitId: string;
  teamId: string | null;
}

export interface DoctorState {
  registered: boolean;
  doctorId: string;
  memberships: Membership[];
}

export const initialDoctorState = (): DoctorState => ({
  registered: false,
  doctorId: '',
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
