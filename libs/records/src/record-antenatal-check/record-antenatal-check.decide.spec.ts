import { servingDoctor, specFor } from '../testing/fixtures';
import { deliveryRecorded, pregnancyRegistered, woman } from '../testing/maternal-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordAntenatalCheck } from './record-antenatal-check.action';

const given = specFor(recordAntenatalCheck, servingDoctor());
const check = (over: Record<string, unknown> = {}) => ({
  type: 'RecordAntenatalCheck',
  residentId: 'r1',
  recordId: 'anc-1',
  doctorId: 'd1',
  gestationalWeek: 8,
  occurredAt: '2024-01-10',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'AntenatalCheckRecorded',
    data: {
      residentId: 'r1',
      recordId: 'anc-1',
      doctorId: 'd1',
      gestationalWeek: 8,
      pregnancyRecordId: 'preg-1',
      occurredAt: '2024-01-10',
      ...over,
    },
  } as ResidentEvent,
];
// Registered 10 January in week 8, delivered 1 May.
const history = () => [woman(), pregnancyRegistered('preg-1', '2024-01-10', 8)];

describe('RecordAntenatalCheck', () => {
  it('records the first check on the registration day, for that pregnancy', () => {
    given(history()).when(check()).then(recorded());
  });

  it('refuses a woman with no registered pregnancy (NO_PREGNANCY_REGISTERED)', () => {
    given([woman()]).when(check()).thenThrows('NO_PREGNANCY_REGISTERED');
  });

  describe('on or after the registration', () => {
    it('refuses a check the day before (CHECK_BEFORE_REGISTRATION)', () => {
      given(history())
        .when(check({ occurredAt: '2024-01-09' }))
        .thenThrows('CHECK_BEFORE_REGISTRATION');
    });
    it('a migrated one is kept against the pregnancy (the read side does not count it)', () => {
      given(history())
        .when(check({ occurredAt: '2024-01-09', migrated: true }))
        .then(recorded({ occurredAt: '2024-01-09' }));
    });
  });

  describe('before the delivery', () => {
    const delivered = () => [...history(), deliveryRecorded('del-1', '2024-05-01')];
    it('near miss: a check on the delivery day is accepted', () => {
      given(delivered())
        .when(check({ occurredAt: '2024-05-01', gestationalWeek: 24 }))
        .then(recorded({ occurredAt: '2024-05-01', gestationalWeek: 24 }));
    });
    it('refuses a check the day after (CHECK_AFTER_DELIVERY)', () => {
      given(delivered())
        .when(check({ occurredAt: '2024-05-02', gestationalWeek: 24 }))
        .thenThrows('CHECK_AFTER_DELIVERY');
    });
    it('a migrated one is kept against the delivered pregnancy', () => {
      given(delivered())
        .when(check({ occurredAt: '2024-05-02', gestationalWeek: 24, migrated: true }))
        .then(recorded({ occurredAt: '2024-05-02', gestationalWeek: 24 }));
    });
  });
});
