import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  died,
  movedOut,
  registered,
  specFor,
} from '../testing/fixtures';
import { recordResidentMovedOut } from './record-resident-moved-out.action';

const given = specFor(recordResidentMovedOut);
const moveOut = (over: Record<string, unknown> = {}) => ({
  type: 'RecordResidentMovedOut',
  residentId: 'r1',
  destination: '外省',
  occurredAt: '2024-03-05',
  ...over,
});
const moved = (over: Record<string, unknown> = {}) => [
  {
    type: 'ResidentMovedOut',
    data: { residentId: 'r1', destination: '外省', occurredAt: '2024-03-05', ...over },
  },
];

describe('RecordResidentMovedOut', () => {
  it('records that a resident moved away', () => {
    given([registered()]).when(moveOut()).then(moved());
  });

  it('near miss: without a destination it is recorded as null', () => {
    given([registered()])
      .when(moveOut({ destination: undefined }))
      .then(moved({ destination: null }));
  });

  it('refuses an unregistered resident', () => {
    given([]).when(moveOut()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(moveOut({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(moveOut({ occurredAt: LAST_INSTANT_TODAY }))
        .then(moved({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a date before birth', () => {
      given([registered('2024-03-06')])
        .when(moveOut())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts the birth day', () => {
      given([registered('2024-03-05')])
        .when(moveOut())
        .then(moved());
    });
  });

  describe('the move is not dated after a death or an earlier move', () => {
    it('refuses a move dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(moveOut())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts a move on the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(moveOut())
        .then(moved());
    });
    it('refuses a move dated after an earlier move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(moveOut())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
  });
});
