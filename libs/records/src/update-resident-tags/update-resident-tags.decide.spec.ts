import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  died,
  movedOut,
  registered,
  specFor,
} from '../testing/fixtures';
import { updateResidentTags } from './update-resident-tags.action';

const given = specFor(updateResidentTags);
const update = (over: Record<string, unknown> = {}) => ({
  type: 'UpdateResidentTags',
  residentId: 'r1',
  add: ['diabetes'],
  occurredAt: '2024-03-05',
  ...over,
});
const updated = (over: Record<string, unknown> = {}) => [
  {
    type: 'ResidentTagsUpdated',
    data: { residentId: 'r1', added: ['diabetes'], removed: [], occurredAt: '2024-03-05', ...over },
  },
];
const tagged = {
  type: 'ResidentTagsUpdated',
  data: {
    residentId: 'r1',
    added: ['hypertension', 'disabled'],
    removed: [],
    occurredAt: '2024-01-01',
  },
};

describe('UpdateResidentTags', () => {
  it('adds a tag', () => {
    given([registered()]).when(update()).then(updated());
  });

  it('adds and removes in one go, recording only real changes', () => {
    given([registered(), tagged])
      .when(update({ add: ['diabetes', 'hypertension'], remove: ['disabled', 'pregnant'] }))
      .then(updated({ added: ['diabetes'], removed: ['disabled'] }));
  });

  it('asking for what is already true appends nothing', () => {
    given([registered(), tagged])
      .when(update({ add: ['hypertension'], remove: ['pregnant'] }))
      .thenNothingHappens();
  });

  it('refuses an unregistered resident', () => {
    given([]).when(update()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(update({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(update({ occurredAt: LAST_INSTANT_TODAY }))
        .then(updated({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a date before birth', () => {
      given([registered('2024-03-06')])
        .when(update())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts the birth day', () => {
      given([registered('2024-03-05')])
        .when(update())
        .then(updated());
    });
  });

  describe('not after death or move-out', () => {
    it('refuses a change dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(update())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(update())
        .then(updated());
    });
    it('refuses a change dated after the move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(update())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts the day of the move-out', () => {
      given([registered(), movedOut('2024-03-05')])
        .when(update())
        .then(updated());
    });
  });
});
