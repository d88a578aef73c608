import { died, recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { reviewHealthRecord } from './review-health-record.action';

const given = specFor(reviewHealthRecord, servingDoctor());
const review = (over: Record<string, unknown> = {}) => ({
  type: 'ReviewHealthRecord',
  residentId: 'r1',
  recordId: 'rev-1',
  doctorId: 'd1',
  missing: [],
  occurredAt: '2024-03-05',
  ...over,
});
const reviewed = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'HealthRecordReviewed',
    data: {
      residentId: 'r1',
      recordId: 'rev-1',
      doctorId: 'd1',
      form: 'electronic',
      complete: true,
      missing: [],
      occurredAt: '2024-03-05',
      ...over,
    },
  } as ResidentEvent,
];
const opened = (on = '2024-02-01'): ResidentEvent => ({
  type: 'HealthRecordOpened',
  data: {
    residentId: 'r1',
    recordId: 'ehr-1',
    doctorId: 'd1',
    form: 'electronic',
    complete: false,
    occurredAt: on,
  },
});

describe('ReviewHealthRecord', () => {
  it('finds nothing missing: the record is standardised', () => {
    given([registered(), opened()]).when(review()).then(reviewed());
  });

  it('near miss: one part missing leaves it not standardised', () => {
    given([registered(), opened()])
      .when(review({ missing: ['health_examination'] }))
      .then(reviewed({ complete: false, missing: ['health_examination'] }));
  });

  it('refuses a resident without a health record (NO_HEALTH_RECORD)', () => {
    given([registered()]).when(review()).thenThrows('NO_HEALTH_RECORD');
  });

  it('refuses when the only opening was voided', () => {
    given([registered(), opened(), recordVoided('ehr-1', 'health_record')])
      .when(review())
      .thenThrows('NO_HEALTH_RECORD');
  });

  it('refuses a review dated before the opening (REVIEW_BEFORE_OPENING)', () => {
    given([registered(), opened('2024-03-06')])
      .when(review())
      .thenThrows('REVIEW_BEFORE_OPENING');
  });

  it('near miss: accepts a review on the day of the opening', () => {
    given([registered(), opened('2024-03-05')])
      .when(review())
      .then(reviewed());
  });

  it('refuses a review dated after the death', () => {
    given([registered(), opened(), died('2024-03-04')])
      .when(review())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
