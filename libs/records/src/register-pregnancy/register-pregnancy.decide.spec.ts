import { died, recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import { deliveryRecorded, pregnancyRegistered, woman } from '../testing/maternal-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { registerPregnancy } from './register-pregnancy.action';

const given = specFor(registerPregnancy, servingDoctor());
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterPregnancy',
  residentId: 'r1',
  recordId: 'preg-2',
  doctorId: 'd1',
  gestationalWeek: 8,
  occurredAt: '2024-03-05',
  ...over,
});
const registeredPregnancy = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'PregnancyRegistered',
    data: {
      residentId: 'r1',
      recordId: 'preg-2',
      doctorId: 'd1',
      gestationalWeek: 8,
      // 32 weeks after 5 March: 40 weeks of gestation.
      expectedDeliveryDate: '2024-10-15',
      occurredAt: '2024-03-05',
      ...over,
    },
  } as ResidentEvent,
];

describe('RegisterPregnancy', () => {
  it('registers a pregnancy in week 8, due at 40 weeks', () => {
    given([woman()]).when(register()).then(registeredPregnancy());
  });

  it('near miss: a registration in week 13 is recorded as such (it is not early: the read side says so)', () => {
    given([woman()])
      .when(register({ gestationalWeek: 13 }))
      .then(registeredPregnancy({ gestationalWeek: 13, expectedDeliveryDate: '2024-09-10' }));
  });

  it('keeps a stated expected delivery date', () => {
    given([woman()])
      .when(register({ expectedDeliveryDate: '2024-10-20' }))
      .then(registeredPregnancy({ expectedDeliveryDate: '2024-10-20' }));
  });

  it('refuses an expected delivery date on the registration day or past 44 weeks', () => {
    given([woman()])
      .when(register({ expectedDeliveryDate: '2024-03-05' }))
      .thenThrows('EXPECTED_DELIVERY_IMPLAUSIBLE');
    // 36 weeks after 5 March is 12 November: the 44th week's end.
    given([woman()])
      .when(register({ expectedDeliveryDate: '2024-11-13' }))
      .thenThrows('EXPECTED_DELIVERY_IMPLAUSIBLE');
  });

  it('refuses a male resident (MATERNAL_CARE_OF_MALE)', () => {
    const man = registered('1990-01-01');
    (man.data as { sex: string }).sex = 'male';
    given([man]).when(register()).thenThrows('MATERNAL_CARE_OF_MALE');
  });

  describe('one open pregnancy at a time', () => {
    it('refuses a second one while the first is open (PREGNANCY_ALREADY_OPEN)', () => {
      given([woman(), pregnancyRegistered('preg-1', '2024-01-10')])
        .when(register())
        .thenThrows('PREGNANCY_ALREADY_OPEN');
    });
    it('near miss: a new pregnancy after the delivery is accepted', () => {
      given([
        woman(),
        pregnancyRegistered('preg-1', '2023-06-10'),
        deliveryRecorded('del-1', '2024-01-20'),
      ])
        .when(register())
        .then(registeredPregnancy());
    });
    it('a pregnancy with no delivery 44 weeks on is no longer open; the day before, it is', () => {
      // Registered 2023-05-01 in week 8: 36 weeks later, 2024-01-08, it lapses.
      given([woman(), pregnancyRegistered('preg-1', '2023-05-01', 8)])
        .when(register({ occurredAt: '2024-01-08' }))
        .thenThrows('PREGNANCY_ALREADY_OPEN');
      given([woman(), pregnancyRegistered('preg-1', '2023-05-01', 8)])
        .when(register({ occurredAt: '2024-01-09' }))
        .then(
          registeredPregnancy({ occurredAt: '2024-01-09', expectedDeliveryDate: '2024-08-20' }),
        );
    });
    it('near miss: a voided registration leaves none open', () => {
      given([
        woman(),
        pregnancyRegistered('preg-1', '2024-01-10'),
        recordVoided('preg-1', 'pregnancy_registration'),
      ])
        .when(register())
        .then(registeredPregnancy());
    });
  });

  it('refuses a registration dated before a delivery already recorded (records in order)', () => {
    given([woman(), deliveryRecorded('del-1', '2024-04-01', { pregnancyRecordId: null })])
      .when(register())
      .thenThrows('PREGNANCY_BEFORE_LATER_RECORD');
  });

  it('refuses a registration after the death', () => {
    given([woman(), died('2024-03-04')])
      .when(register())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
