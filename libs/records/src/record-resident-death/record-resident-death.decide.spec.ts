import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  contractSigned,
  died,
  enrolled,
  followUpRecorded,
  movedOut,
  registered,
  specFor,
} from '../testing/fixtures';
import { recordResidentDeath } from './record-resident-death.action';

const given = specFor(recordResidentDeath);
const death = (over: Record<string, unknown> = {}) => ({
  type: 'RecordResidentDeath',
  residentId: 'r1',
  occurredAt: '2024-03-05',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  { type: 'ResidentDied', data: { residentId: 'r1', occurredAt: '2024-03-05', ...over } },
];

describe('RecordResidentDeath', () => {
  it("records a resident's death", () => {
    given([registered()]).when(death()).then(recorded());
  });

  it('refuses an unregistered resident', () => {
    given([]).when(death()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('a death is recorded once', () => {
    it('refuses a second death (ALREADY_DECEASED)', () => {
      given([registered(), died('2024-03-05')])
        .when(death())
        .thenThrows('ALREADY_DECEASED');
    });
    it('refuses a second death even with another date', () => {
      given([registered(), died('2024-03-05')])
        .when(death({ occurredAt: '2024-02-01' }))
        .thenThrows('ALREADY_DECEASED');
    });
  });

  describe('documented behaviour: a death dated before services already recorded is still accepted', () => {
    it('accepts a death dated before a recorded checkup and follow-up', () => {
      given([
        registered(),
        enrolled('hypertension', '2024-01-10'),
        checkupRecorded('ck-1', '2024-04-01'),
        followUpRecorded('fu-1', '2024-05-01'),
      ])
        .when(death())
        .then(recorded());
    });
    it('accepts a death dated during a live contract', () => {
      given([registered(), contractSigned('k1', '2024-01-01', '2024-12-31')])
        .when(death())
        .then(recorded());
    });
    it('accepts a death after the resident moved out', () => {
      given([registered(), movedOut('2024-01-01')])
        .when(death())
        .then(recorded());
    });
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(death({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(death({ occurredAt: LAST_INSTANT_TODAY }))
        .then(recorded({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a death before birth', () => {
      given([registered('2024-03-06')])
        .when(death())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts a death on the birth day', () => {
      given([registered('2024-03-05')])
        .when(death())
        .then(recorded());
    });
  });
});
