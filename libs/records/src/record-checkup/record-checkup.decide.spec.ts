import 'reflect-metadata';
import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  died,
  doctor,
  movedOut,
  recordVoided,
  registered,
  servingDoctor,
  specFor,
  unit,
} from '../testing/fixtures';
import { recordCheckup } from './record-checkup.action';

const given = specFor(recordCheckup, servingDoctor());
const checkup = (over: Record<string, unknown> = {}) => ({
  type: 'RecordCheckup',
  residentId: 'r1',
  recordId: 'ck-1',
  doctorId: 'd1',
  kind: 'elderly_annual',
  complete: true,
  vitals: { systolic: 130, diastolic: 85, fastingGlucose: 5.6, weightKg: 62, heightCm: 158 },
  occurredAt: '2024-03-05',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'CheckupRecorded',
    data: {
      residentId: 'r1',
      recordId: 'ck-1',
      doctorId: 'd1',
      kind: 'elderly_annual',
      complete: true,
      vitals: { systolic: 130, diastolic: 85, fastingGlucose: 5.6, weightKg: 62, heightCm: 158 },
      occurredAt: '2024-03-05',
      ...over,
    },
  },
];

describe('RecordCheckup', () => {
  it('records a complete elderly checkup with its vitals', () => {
    given([registered()]).when(checkup()).then(recorded());
  });

  it('near miss: without vitals or record id, records empty vitals under the commandId', () => {
    given([registered()])
      .when(checkup({ vitals: undefined, recordId: undefined }))
      .then(recorded({ vitals: {}, recordId: 'cmd-1' }));
  });

  describe('vitals within physiological bounds', () => {
    it.each([
      ['systolic below 50', { systolic: 49, diastolic: 30 }],
      ['systolic above 300', { systolic: 301, diastolic: 85 }],
      ['diastolic below 20', { systolic: 130, diastolic: 19 }],
      ['diastolic above 200', { systolic: 300, diastolic: 201 }],
      ['diastolic equal to systolic', { systolic: 120, diastolic: 120 }],
      ['diastolic above systolic', { systolic: 110, diastolic: 130 }],
      ['fasting glucose below 1', { fastingGlucose: 0.9 }],
      ['fasting glucose above 40', { fastingGlucose: 40.1 }],
      ['weight above 400 kg', { weightKg: 401 }],
      ['height below 30 cm', { heightCm: 29 }],
    ])('refuses %s (VITALS_OUT_OF_RANGE)', (_name, vitals) => {
      given([registered()]).when(checkup({ vitals })).thenThrows('VITALS_OUT_OF_RANGE');
    });
    it.each([
      ['the lowest systolic and diastolic', { systolic: 50, diastolic: 20 }],
      ['the highest systolic and diastolic', { systolic: 300, diastolic: 200 }],
      ['diastolic one below systolic', { systolic: 120, diastolic: 119 }],
      ['the lowest fasting glucose', { fastingGlucose: 1 }],
      ['the highest fasting glucose', { fastingGlucose: 40 }],
      ['one reading alone', { systolic: 300 }],
    ])('near miss: accepts %s', (_name, vitals) => {
      given([registered()]).when(checkup({ vitals })).then(recorded({ vitals }));
    });
  });

  describe('record ids are unique per resident', () => {
    it('refuses a record id used before (RECORD_ID_TAKEN)', () => {
      given([registered(), checkupRecorded('ck-1', '2024-01-05')])
        .when(checkup())
        .thenThrows('RECORD_ID_TAKEN');
    });
    it('refuses the id of a voided record too', () => {
      given([registered(), checkupRecorded('ck-1', '2024-01-05'), recordVoided('ck-1', 'checkup')])
        .when(checkup())
        .thenThrows('RECORD_ID_TAKEN');
    });
    it('refuses a commandId that collides with an earlier record id', () => {
      given([registered(), checkupRecorded('cmd-1', '2024-01-05')])
        .when(checkup({ recordId: undefined }))
        .thenThrows('RECORD_ID_TAKEN');
    });
    it('near miss: accepts a second checkup under a new id', () => {
      given([registered(), checkupRecorded('ck-0', '2023-03-05')])
        .when(checkup())
        .then(recorded());
    });
  });

  describe('the doctor belongs to an open unit on the day', () => {
    it('refuses an unknown doctor', () => {
      given([registered()]).when(checkup(), { doctor: undefined }).thenThrows('DOCTOR_NOT_FOUND');
    });
    it('refuses a day before the doctor joined', () => {
      given([registered()])
        .when(checkup(), { doctor: doctor('d1', 'u1', '2024-03-06') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it('near miss: accepts the day the doctor joined', () => {
      given([registered()])
        .when(checkup(), { doctor: doctor('d1', 'u1', '2024-03-05') })
        .then(recorded());
    });
    it("refuses a day the doctor's unit was closed", () => {
      given([registered()])
        .when(checkup(), { doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-03-05') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it("near miss: accepts the day before the doctor's unit closed", () => {
      given([registered()])
        .when(checkup(), { doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-03-06') })
        .then(recorded());
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(checkup()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(checkup({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(checkup({ occurredAt: LAST_INSTANT_TODAY }))
        .then(recorded({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a checkup before birth', () => {
      given([registered('2024-03-06')])
        .when(checkup())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts a checkup on the birth day', () => {
      given([registered('2024-03-05')])
        .when(checkup())
        .then(recorded());
    });
  });

  describe('no service after death or move-out', () => {
    it('refuses a checkup dated after the death', () => {
      given([registered(), died('2024-03-04')])
        .when(checkup())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts one on the day of death', () => {
      given([registered(), died('2024-03-05')])
        .when(checkup())
        .then(recorded());
    });
    it('refuses a checkup dated after the move-out', () => {
      given([registered(), movedOut('2024-03-04')])
        .when(checkup())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts one on the day of the move-out', () => {
      given([registered(), movedOut('2024-03-05')])
        .when(checkup())
        .then(recorded());
    });
  });
});
