import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  died,
  movedOut,
  registered,
  specFor,
  unit,
} from '../testing/fixtures';
import { reassignResident } from './reassign-resident.action';

const given = specFor(reassignResident, { unit: unit('u2') });
const reassign = (over: Record<string, unknown> = {}) => ({
  type: 'ReassignResident',
  residentId: 'r1',
  unitId: 'u2',
  occurredAt: '2024-03-05',
  ...over,
});
const reassigned = (over: Record<string, unknown> = {}) => [
  {
    type: 'ResidentReassigned',
    data: { residentId: 'r1', fromUnitId: 'u1', toUnitId: 'u2', occurredAt: '2024-03-05', ...over },
  },
];

describe('ReassignResident', () => {
  it('reassigns a resident to another open unit', () => {
    given([registered()]).when(reassign()).then(reassigned());
  });

  describe('the unit changes', () => {
    it('refuses the unit already managing the resident (UNIT_UNCHANGED)', () => {
      given([registered()])
        .when(reassign({ unitId: 'u1' }), { unit: unit('u1') })
        .thenThrows('UNIT_UNCHANGED');
    });
    it('refuses the unit an earlier reassignment already gave', () => {
      const earlier = {
        type: 'ResidentReassigned',
        data: { residentId: 'r1', fromUnitId: 'u1', toUnitId: 'u2', occurredAt: '2024-01-01' },
      };
      given([registered(), earlier]).when(reassign()).thenThrows('UNIT_UNCHANGED');
    });
    it('near miss: accepts going back to the first unit', () => {
      const earlier = {
        type: 'ResidentReassigned',
        data: { residentId: 'r1', fromUnitId: 'u1', toUnitId: 'u2', occurredAt: '2024-01-01' },
      };
      given([registered(), earlier])
        .when(reassign({ unitId: 'u1' }), { unit: unit('u1') })
        .then(reassigned({ fromUnitId: 'u2', toUnitId: 'u1' }));
    });
  });

  describe('the new unit is registered and open on the day', () => {
    it('refuses an unknown unit', () => {
      given([registered()]).when(reassign(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a unit closed on the day', () => {
      given([registered()])
        .when(reassign(), { unit: unit('u2', 'station', '2020-01-01', '2024-03-05') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts a unit opening that very day', () => {
      given([registered()])
        .when(reassign(), { unit: unit('u2', 'station', '2024-03-05') })
        .then(reassigned());
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(reassign()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(reassign({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(reassign({ occurredAt: LAST_INSTANT_TODAY }))
        .then(reassigned({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a date before birth', () => {
      given([registered('2024-03-06')])
        .when(reassign())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts the birth day', () => {
      given([registered('2024-03-05')])
        .when(reassign())
        .then(reassigned());
    });
  });

  describe('not after death or move-out', () => {
    it('refuses a reassignment dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(reassign())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(reassign())
        .then(reassigned());
    });
    it('refuses a reassignment dated after the move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(reassign())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts the day of the move-out', () => {
      given([registered(), movedOut('2024-03-05')])
        .when(reassign())
        .then(reassigned());
    });
  });
});
