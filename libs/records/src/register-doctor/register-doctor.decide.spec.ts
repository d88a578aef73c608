import {
  evolveDoctor,
  initialDoctorState,
  membershipOn,
  type DoctorEvent,
} from '../streams/doctor-events';
import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  doctorAssigned,
  doctorRegistered,
  specFor,
  unit,
} from '../testing/fixtures';
import { registerDoctor } from './register-doctor.action';

const given = specFor(registerDoctor, {
  unit: unit('u1'),
  team: unit('t1', 'team', '2020-01-01', undefined, 'u1'),
});
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterDoctor',
  doctorId: 'd1',
  unitId: 'u1',
  teamId: 't1',
  occurredAt: '2024-03-01',
  ...over,
});
const data = (over: Record<string, unknown> = {}) => ({
  doctorId: 'd1',
  unitId: 'u1',
  teamId: 't1',
  occurredAt: '2024-03-01',
  ...over,
});
const inUnit = doctorRegistered('d1', 'u1', 't1', '2024-01-10');

describe('RegisterDoctor', () => {
  describe('first registration, then assignments on later dates', () => {
    it('registers a new doctor in a unit and team', () => {
      given([])
        .when(register())
        .then([{ type: 'DoctorRegistered', data: data() }]);
    });
    it('near miss: registers a doctor without a team', () => {
      given([])
        .when(register({ teamId: undefined }))
        .then([{ type: 'DoctorRegistered', data: data({ teamId: null }) }]);
    });
    it('a known doctor moving to another unit on a later date is assigned, not re-registered', () => {
      given([inUnit])
        .when(register({ unitId: 'u2', teamId: undefined }), { unit: unit('u2') })
        .then([{ type: 'DoctorAssigned', data: data({ unitId: 'u2', teamId: null }) }]);
    });
    it('near miss: the same unit with another team is a new assignment', () => {
      given([doctorRegistered('d1', 'u1', null, '2024-01-10')])
        .when(register())
        .then([{ type: 'DoctorAssigned', data: data() }]);
    });
    it('memberships are effective-dated: before the assignment the doctor is still in the old unit (evolve)', () => {
      const state = [inUnit, doctorAssigned('d1', 'u2', null, '2024-03-01')].reduce(
        evolveDoctor,
        initialDoctorState(),
      );
      expect(membershipOn(state, '2024-02-29')?.unitId).toBe('u1');
      expect(membershipOn(state, '2024-03-01')?.unitId).toBe('u2');
      expect(membershipOn(state, '2024-01-09')).toBeUndefined();
    });
  });

  describe('the name a reader knows the doctor by (optional)', () => {
    it('registers a doctor with a name: the name is in the event and the state', () => {
      given([])
        .when(register({ name: '王医生' }))
        .then([{ type: 'DoctorRegistered', data: data({ name: '王医生' }) }]);
      const state = [
        { type: 'DoctorRegistered', data: data({ name: '王医生' }) } as DoctorEvent,
      ].reduce(evolveDoctor, initialDoctorState());
      expect(state.name).toBe('王医生');
    });
    it('near miss: without a name the event carries no name field, as before names existed', () => {
      given([])
        .when(register())
        .then([{ type: 'DoctorRegistered', data: data() }]);
      expect([inUnit].reduce(evolveDoctor, initialDoctorState()).name).toBeNull();
    });
    it('a move without a name keeps the name given before; a move with one replaces it', () => {
      const named = { type: 'DoctorRegistered', data: data({ name: '王医生' }) } as DoctorEvent;
      const moved = doctorAssigned('d1', 'u2', null, '2024-04-01');
      const renamed: DoctorEvent = {
        type: 'DoctorAssigned',
        data: { ...moved.data, unitId: 'u1', name: '王建国', occurredAt: '2024-05-01' },
      };
      const fold = (events: DoctorEvent[]) =>
        events.reduce(evolveDoctor, initialDoctorState()).name;
      expect(fold([named, moved])).toBe('王医生');
      expect(fold([named, moved, renamed])).toBe('王建国');
    });
  });

  describe('an assignment must start after the current one (ASSIGNMENT_NOT_LATER)', () => {
    it('refuses an assignment on the same day as the current one', () => {
      given([inUnit])
        .when(register({ unitId: 'u2', teamId: undefined, occurredAt: '2024-01-10' }), {
          unit: unit('u2'),
        })
        .thenThrows('ASSIGNMENT_NOT_LATER');
    });
    it('refuses an assignment dated before the current one', () => {
      given([inUnit, doctorAssigned('d1', 'u2', null, '2024-04-01')])
        .when(register())
        .thenThrows('ASSIGNMENT_NOT_LATER');
    });
    it('near miss: accepts the day after the current one', () => {
      given([inUnit])
        .when(register({ unitId: 'u2', teamId: undefined, occurredAt: '2024-01-11' }), {
          unit: unit('u2'),
        })
        .then([
          {
            type: 'DoctorAssigned',
            data: data({ unitId: 'u2', teamId: null, occurredAt: '2024-01-11' }),
          },
        ]);
    });
  });

  describe('no assignment to where the doctor already is (DOCTOR_ALREADY_REGISTERED)', () => {
    it('refuses the same unit and team on a later date', () => {
      given([inUnit]).when(register()).thenThrows('DOCTOR_ALREADY_REGISTERED');
    });
    it('refuses the same unit without a team when the doctor has none', () => {
      given([doctorRegistered('d1', 'u1', null, '2024-01-10')])
        .when(register({ teamId: undefined }))
        .thenThrows('DOCTOR_ALREADY_REGISTERED');
    });
    it('near miss: accepts going back to a unit the doctor left', () => {
      const history: DoctorEvent[] = [inUnit, doctorAssigned('d1', 'u2', null, '2024-02-01')];
      given(history)
        .when(register())
        .then([{ type: 'DoctorAssigned', data: data() }]);
    });
  });

  describe('the unit is registered and open on the day', () => {
    it('refuses an unknown unit', () => {
      given([]).when(register(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a unit closed on the day', () => {
      given([])
        .when(register(), { unit: unit('u1', 'community_centre', '2020-01-01', '2024-03-01') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts the day before the unit closes', () => {
      given([])
        .when(register({ occurredAt: '2024-02-29' }), {
          unit: unit('u1', 'community_centre', '2020-01-01', '2024-03-01'),
        })
        .then([{ type: 'DoctorRegistered', data: data({ occurredAt: '2024-02-29' }) }]);
    });
  });

  describe('the team is an open unit of kind team', () => {
    it('refuses an unknown team', () => {
      given([]).when(register(), { team: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a team closed on the day', () => {
      given([])
        .when(register(), { team: unit('t1', 'team', '2020-01-01', '2024-02-01', 'u1') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('refuses a unit that is not a team (NOT_A_TEAM)', () => {
      given([])
        .when(register({ teamId: 's1' }), { team: unit('s1', 'station') })
        .thenThrows('NOT_A_TEAM');
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([])
        .when(register({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([])
        .when(register({ occurredAt: LAST_INSTANT_TODAY }))
        .then([{ type: 'DoctorRegistered', data: data({ occurredAt: LAST_INSTANT_TODAY }) }]);
    });
  });
});
