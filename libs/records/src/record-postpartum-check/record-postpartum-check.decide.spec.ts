import { recordVoided, servingDoctor, specFor } from '../testing/fixtures';
import { deliveryRecorded, pregnancyRegistered, woman } from '../testing/maternal-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordPostpartumCheck } from './record-postpartum-check.action';

const given = specFor(recordPostpartumCheck, servingDoctor());
// Delivered 1 May: day 42 is 12 June.
const history = () => [woman(), pregnancyRegistered(), deliveryRecorded('del-1', '2024-05-01')];
const check = (occurredAt: string, over: Record<string, unknown> = {}) => ({
  type: 'RecordPostpartumCheck',
  residentId: 'r1',
  recordId: 'pp42-1',
  doctorId: 'd1',
  occurredAt,
  ...over,
});
const recorded = (occurredAt: string, recordId = 'pp42-1'): ResidentEvent[] => [
  {
    type: 'PostpartumCheckRecorded',
    data: { residentId: 'r1', recordId, doctorId: 'd1', deliveryRecordId: 'del-1', occurredAt },
  },
];

describe('RecordPostpartumCheck (42 days)', () => {
  it('records the check on day 42', () => {
    given(history()).when(check('2024-06-12')).then(recorded('2024-06-12'));
  });

  describe('from 42 days after the delivery', () => {
    it('refuses one on day 41 (POSTPARTUM_CHECK_TOO_EARLY)', () => {
      given(history()).when(check('2024-06-11')).thenThrows('POSTPARTUM_CHECK_TOO_EARLY');
    });
    it('keeps a migrated one on day 41 (not counted by the read side)', () => {
      given(history())
        .when(check('2024-06-11', { migrated: true }))
        .then(recorded('2024-06-11'));
    });
  });

  describe('an impossible sequence: before the delivery', () => {
    it('is refused (POSTPARTUM_BEFORE_DELIVERY)', () => {
      given(history()).when(check('2024-04-20')).thenThrows('POSTPARTUM_BEFORE_DELIVERY');
    });
    it('is kept when migrated', () => {
      given(history())
        .when(check('2024-04-20', { migrated: true }))
        .then(recorded('2024-04-20'));
    });
  });

  it('refuses a second check of the same delivery (POSTPARTUM_CHECK_DONE)', () => {
    given([...history(), ...recorded('2024-06-12')])
      .when(check('2024-06-14', { recordId: 'pp42-2' }))
      .thenThrows('POSTPARTUM_CHECK_DONE');
  });

  it('near miss: a voided one may be recorded again', () => {
    given([
      ...history(),
      ...recorded('2024-06-12'),
      recordVoided('pp42-1', 'postpartum_check', '2024-06-13'),
    ])
      .when(check('2024-06-14', { recordId: 'pp42-2' }))
      .then(recorded('2024-06-14', 'pp42-2'));
  });

  it('refuses a woman with no delivery recorded', () => {
    given([woman()]).when(check('2024-06-12')).thenThrows('NO_DELIVERY_RECORDED');
  });
});
