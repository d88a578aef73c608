import { servingDoctor, specFor } from '../testing/fixtures';
import { deliveryRecorded, pregnancyRegistered, woman } from '../testing/maternal-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordPostpartumVisit } from './record-postpartum-visit.action';

const given = specFor(recordPostpartumVisit, servingDoctor());
// Delivered 1 May, home from hospital 4 May.
const history = () => [
  woman(),
  pregnancyRegistered(),
  deliveryRecorded('del-1', '2024-05-01', { dischargeDate: '2024-05-04' }),
];
const visit = (occurredAt: string, over: Record<string, unknown> = {}) => ({
  type: 'RecordPostpartumVisit',
  residentId: 'r1',
  recordId: 'ppv-1',
  doctorId: 'd1',
  occurredAt,
  ...over,
});
const recorded = (occurredAt: string): ResidentEvent[] => [
  {
    type: 'PostpartumVisitRecorded',
    data: {
      residentId: 'r1',
      recordId: 'ppv-1',
      doctorId: 'd1',
      deliveryRecordId: 'del-1',
      occurredAt,
    },
  },
];

describe('RecordPostpartumVisit', () => {
  it('records a home visit a week after the discharge, for that delivery', () => {
    given(history()).when(visit('2024-05-11')).then(recorded('2024-05-11'));
  });

  it('refuses a woman with no delivery recorded (NO_DELIVERY_RECORDED)', () => {
    given([woman(), pregnancyRegistered()])
      .when(visit('2024-05-11'))
      .thenThrows('NO_DELIVERY_RECORDED');
  });

  describe('after the mother left hospital', () => {
    it('refuses a visit the day before the discharge (POSTPARTUM_VISIT_BEFORE_DISCHARGE)', () => {
      given(history()).when(visit('2024-05-03')).thenThrows('POSTPARTUM_VISIT_BEFORE_DISCHARGE');
    });
    it('near miss: accepts one on the discharge day', () => {
      given(history()).when(visit('2024-05-04')).then(recorded('2024-05-04'));
    });
  });

  describe('an impossible sequence: before the delivery', () => {
    it('is refused (POSTPARTUM_BEFORE_DELIVERY)', () => {
      given(history()).when(visit('2024-04-28')).thenThrows('POSTPARTUM_BEFORE_DELIVERY');
    });
    it('is kept when migrated, against the delivery (the read side does not count it)', () => {
      given(history())
        .when(visit('2024-04-28', { migrated: true }))
        .then(recorded('2024-04-28'));
    });
  });

  it('near miss: a visit 29 days after the discharge is recorded (it does not count: the read side)', () => {
    given(history()).when(visit('2024-06-02')).then(recorded('2024-06-02'));
  });
});
