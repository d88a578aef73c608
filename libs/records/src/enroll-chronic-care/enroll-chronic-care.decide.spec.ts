import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  died,
  doctor,
  enrolled,
  movedOut,
  recordVoided,
  registered,
  servingDoctor,
  specFor,
  unit,
} from '../testing/fixtures';
import { enrollChronicCare } from './enroll-chronic-care.action';

const given = specFor(enrollChronicCare, servingDoctor());
const enrol = (over: Record<string, unknown> = {}) => ({
  type: 'EnrollChronicCare',
  residentId: 'r1',
  recordId: 'en-1',
  condition: 'hypertension',
  doctorId: 'd1',
  occurredAt: '2024-03-05',
  ...over,
});
const enrolledNow = (over: Record<string, unknown> = {}) => [
  {
    type: 'ChronicCareEnrolled',
    data: {
      residentId: 'r1',
      recordId: 'en-1',
      condition: 'hypertension',
      doctorId: 'd1',
      occurredAt: '2024-03-05',
      ...over,
    },
  },
];

describe('EnrollChronicCare', () => {
  it('enrols a resident in hypertension care', () => {
    given([registered()]).when(enrol()).then(enrolledNow());
  });

  it('near miss: without a doctor, no doctor is checked or recorded', () => {
    given([registered()])
      .when(enrol({ doctorId: undefined }), { doctor: undefined, doctorUnit: undefined })
      .then(enrolledNow({ doctorId: null }));
  });

  describe('one live enrolment per condition', () => {
    it('refuses a second hypertension enrolment (ALREADY_ENROLLED)', () => {
      given([registered(), enrolled('hypertension', '2024-01-10')])
        .when(enrol())
        .thenThrows('ALREADY_ENROLLED');
    });
    it('near miss: accepts diabetes care for a hypertension patient', () => {
      given([registered(), enrolled('hypertension', '2024-01-10')])
        .when(enrol({ condition: 'diabetes' }))
        .then(enrolledNow({ condition: 'diabetes' }));
    });
    it('near miss: accepts re-enrolment once the earlier enrolment was voided', () => {
      given([
        registered(),
        enrolled('hypertension', '2024-01-10'),
        recordVoided('enrol-hypertension', 'enrolment', '2024-02-01'),
      ])
        .when(enrol())
        .then(enrolledNow());
    });
    it('refuses re-enrolment under the voided record id (RECORD_ID_TAKEN)', () => {
      given([
        registered(),
        enrolled('hypertension', '2024-01-10'),
        recordVoided('enrol-hypertension', 'enrolment', '2024-02-01'),
      ])
        .when(enrol({ recordId: 'enrol-hypertension' }))
        .thenThrows('RECORD_ID_TAKEN');
    });
    it('refuses a record id already used by another record', () => {
      given([registered(), checkupRecorded('en-1')])
        .when(enrol())
        .thenThrows('RECORD_ID_TAKEN');
    });
  });

  describe('a named doctor belongs to an open unit on the day', () => {
    it('refuses an unknown doctor', () => {
      given([registered()]).when(enrol(), { doctor: undefined }).thenThrows('DOCTOR_NOT_FOUND');
    });
    it('refuses a day before the doctor joined', () => {
      given([registered()])
        .when(enrol(), { doctor: doctor('d1', 'u1', '2024-03-06') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it('near miss: accepts the day the doctor joined', () => {
      given([registered()])
        .when(enrol(), { doctor: doctor('d1', 'u1', '2024-03-05') })
        .then(enrolledNow());
    });
    it("refuses a day the doctor's unit was closed", () => {
      given([registered()])
        .when(enrol(), { doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-03-05') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(enrol()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(enrol({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(enrol({ occurredAt: LAST_INSTANT_TODAY }))
        .then(enrolledNow({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses an enrolment before birth', () => {
      given([registered('2024-03-06')])
        .when(enrol())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts one on the birth day', () => {
      given([registered('2024-03-05')])
        .when(enrol())
        .then(enrolledNow());
    });
  });

  describe('no service after death or move-out', () => {
    it('refuses an enrolment dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(enrol())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts one on the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(enrol())
        .then(enrolledNow());
    });
    it('refuses an enrolment dated after the move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(enrol())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts one on the day of the move-out', () => {
      given([registered(), movedOut('2024-03-05')])
        .when(enrol())
        .then(enrolledNow());
    });
  });
});
