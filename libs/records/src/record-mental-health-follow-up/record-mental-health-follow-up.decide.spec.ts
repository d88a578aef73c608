import { died, registered, servingDoctor, specFor } from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordMentalHealthFollowUp } from './record-mental-health-follow-up.action';

const given = specFor(recordMentalHealthFollowUp, servingDoctor());
const patient = (on = '2024-02-01'): ResidentEvent => ({
  type: 'MentalDisorderPatientRegistered',
  data: {
    residentId: 'r1',
    recordId: 'smd-1',
    doctorId: 'd1',
    diagnosis: 'bipolar',
    consent: true,
    livingAt: 'home',
    occurredAt: on,
  },
});
const followUp = (over: Record<string, unknown> = {}) => ({
  type: 'RecordMentalHealthFollowUp',
  residentId: 'r1',
  recordId: 'mf-1',
  doctorId: 'd1',
  mode: 'face_to_face_home',
  status: 'stable',
  onMedication: true,
  occurredAt: '2024-03-05',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'MentalHealthFollowUpRecorded',
    data: {
      residentId: 'r1',
      recordId: 'mf-1',
      doctorId: 'd1',
      mode: 'face_to_face_home',
      status: 'stable',
      onMedication: true,
      occurredAt: '2024-03-05',
      ...over,
    },
  } as ResidentEvent,
];

describe('RecordMentalHealthFollowUp', () => {
  it('records a home visit of a registered patient', () => {
    given([registered(), patient()]).when(followUp()).then(recorded());
  });

  it('near miss: an unstable patient off medication, by phone, is recorded as such', () => {
    given([registered(), patient()])
      .when(followUp({ mode: 'phone', status: 'unstable', onMedication: false }))
      .then(recorded({ mode: 'phone', status: 'unstable', onMedication: false }));
  });

  it('refuses a resident who is not a registered patient (NOT_A_REGISTERED_PATIENT)', () => {
    given([registered()]).when(followUp()).thenThrows('NOT_A_REGISTERED_PATIENT');
  });

  it('refuses a follow-up dated before the registration', () => {
    given([registered(), patient('2024-03-06')])
      .when(followUp())
      .thenThrows('FOLLOW_UP_BEFORE_REGISTRATION');
  });

  it('near miss: accepts one on the day of the registration', () => {
    given([registered(), patient('2024-03-05')])
      .when(followUp())
      .then(recorded());
  });

  it('refuses a follow-up dated after the death', () => {
    given([registered(), patient(), died('2024-03-04')])
      .when(followUp())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
