import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  died,
  doctor,
  movedOut,
  registered,
  servingDoctor,
  specFor,
  tcmRecorded,
  unit,
} from '../testing/fixtures';
import { recordTcmAssessment } from './record-tcm-assessment.action';

const given = specFor(recordTcmAssessment, servingDoctor());
const assess = (over: Record<string, unknown> = {}) => ({
  type: 'RecordTcmAssessment',
  residentId: 'r1',
  recordId: 'tcm-1',
  doctorId: 'd1',
  constitution: 'yang_deficiency',
  guidanceGiven: true,
  occurredAt: '2024-03-05',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'TcmAssessmentRecorded',
    data: {
      residentId: 'r1',
      recordId: 'tcm-1',
      doctorId: 'd1',
      constitution: 'yang_deficiency',
      guidanceGiven: true,
      occurredAt: '2024-03-05',
      ...over,
    },
  },
];

describe('RecordTcmAssessment', () => {
  it('records a constitution identification with guidance', () => {
    given([registered()]).when(assess()).then(recorded());
  });

  it('near miss: guidance not given is recorded as such', () => {
    given([registered()])
      .when(assess({ guidanceGiven: false }))
      .then(recorded({ guidanceGiven: false }));
  });

  it('near miss: guidance defaults to given, and the record id to the commandId', () => {
    given([registered()])
      .when(assess({ guidanceGiven: undefined, recordId: undefined }))
      .then(recorded({ recordId: 'cmd-1' }));
  });

  describe('record ids are unique per resident', () => {
    it('refuses a record id used before (RECORD_ID_TAKEN)', () => {
      given([registered(), tcmRecorded('tcm-1', '2023-03-05')])
        .when(assess())
        .thenThrows('RECORD_ID_TAKEN');
    });
    it('near miss: accepts a second assessment under a new id', () => {
      given([registered(), tcmRecorded('tcm-0', '2023-03-05')])
        .when(assess())
        .then(recorded());
    });
  });

  describe('the doctor belongs to an open unit on the day', () => {
    it('refuses an unknown doctor', () => {
      given([registered()]).when(assess(), { doctor: undefined }).thenThrows('DOCTOR_NOT_FOUND');
    });
    it('refuses a day before the doctor joined', () => {
      given([registered()])
        .when(assess(), { doctor: doctor('d1', 'u1', '2024-03-06') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it('near miss: accepts the day the doctor joined', () => {
      given([registered()])
        .when(assess(), { doctor: doctor('d1', 'u1', '2024-03-05') })
        .then(recorded());
    });
    it("refuses a day the doctor's unit was closed", () => {
      given([registered()])
        .when(assess(), { doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-03-05') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it("refuses when the doctor's unit is unknown", () => {
      given([registered()])
        .when(assess(), { doctorUnit: undefined })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(assess()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(assess({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(assess({ occurredAt: LAST_INSTANT_TODAY }))
        .then(recorded({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses an assessment before birth', () => {
      given([registered('2024-03-06')])
        .when(assess())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts one on the birth day', () => {
      given([registered('2024-03-05')])
        .when(assess())
        .then(recorded());
    });
  });

  describe('no service after death or move-out', () => {
    it('refuses an assessment dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(assess())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts one on the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(assess())
        .then(recorded());
    });
    it('refuses an assessment dated after the move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(assess())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts one on the day of the move-out', () => {
      given([registered(), movedOut('2024-03-05')])
        .when(assess())
        .then(recorded());
    });
  });
});
