import {
  died,
  enrolled,
  movedOut,
  registered,
  servingDoctor,
  specFor,
  unit,
  doctor,
} from '../testing/fixtures';
import { recordFollowUp } from './record-follow-up.action';

const given = specFor(recordFollowUp, servingDoctor());
const followUp = (over: Record<string, unknown> = {}) => ({
  type: 'RecordFollowUp',
  residentId: 'r1',
  recordId: 'fu-1',
  doctorId: 'd1',
  condition: 'hypertension',
  mode: 'face_to_face_clinic',
  occurredAt: '2024-03-05',
  systolic: 132,
  diastolic: 84,
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'FollowUpRecorded',
    data: {
      residentId: 'r1',
      recordId: 'fu-1',
      doctorId: 'd1',
      condition: 'hypertension',
      mode: 'face_to_face_clinic',
      systolic: 132,
      diastolic: 84,
      referral: false,
      occurredAt: '2024-03-05',
      ...over,
    },
  },
];

describe('RecordFollowUp', () => {
  it('records a follow-up of an enrolled patient', () => {
    given([registered(), enrolled()]).when(followUp()).then(recorded());
  });

  describe('by phone: nothing measured, so no readings need be carried', () => {
    it('records a hypertension phone follow-up without blood pressure', () => {
      const {
        systolic: _s,
        diastolic: _d,
        ...withoutReadings
      } = recorded({ mode: 'phone' })[0].data;
      given([registered(), enrolled()])
        .when(followUp({ mode: 'phone', systolic: undefined, diastolic: undefined }))
        .then([{ type: 'FollowUpRecorded', data: withoutReadings }]);
    });
    it('keeps readings reported by phone, checked against the same bounds', () => {
      given([registered(), enrolled()])
        .when(followUp({ mode: 'phone' }))
        .then(recorded({ mode: 'phone' }));
      given([registered(), enrolled()])
        .when(followUp({ mode: 'phone', systolic: 320 }))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
  });

  describe('no service after death or move-out', () => {
    it('refuses a follow-up dated after the death', () => {
      given([registered(), enrolled(), died('2024-03-04')])
        .when(followUp())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts one on the day of death', () => {
      given([registered(), enrolled(), died('2024-03-05')])
        .when(followUp())
        .then(recorded());
    });
    it('refuses a follow-up dated after the move-out', () => {
      given([registered(), enrolled(), movedOut('2024-02-01')])
        .when(followUp())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts one dated before the move-out, even if recorded later', () => {
      given([registered(), enrolled(), movedOut('2024-04-01')])
        .when(followUp())
        .then(recorded());
    });
  });

  describe('no follow-up for a condition the resident is not enrolled in', () => {
    it('refuses a diabetes follow-up for a hypertension patient', () => {
      given([registered(), enrolled('hypertension')])
        .when(followUp({ condition: 'diabetes', fastingGlucose: 6.1 }))
        .thenThrows('NOT_ENROLLED');
    });
    it('refuses a follow-up dated before the enrolment', () => {
      given([registered(), enrolled('hypertension', '2024-03-06')])
        .when(followUp())
        .thenThrows('NOT_ENROLLED');
    });
    it('near miss: accepts a follow-up on the enrolment day', () => {
      given([registered(), enrolled('hypertension', '2024-03-05')])
        .when(followUp())
        .then(recorded());
    });
    it('refuses once the enrolment was voided: a voided record stops counting', () => {
      const voided = {
        type: 'RecordVoided',
        data: {
          residentId: 'r1',
          recordId: 'enrol-hypertension',
          recordType: 'enrolment',
          reason: 'wrong patient',
          occurredAt: '2024-02-01',
        },
      };
      given([registered(), enrolled(), voided]).when(followUp()).thenThrows('NOT_ENROLLED');
    });
  });

  describe('occurredAt between birth and today', () => {
    it('refuses a date in the future', () => {
      given([registered(), enrolled()])
        .when(followUp({ occurredAt: '2024-07-01' }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts today (China time)', () => {
      given([registered(), enrolled()])
        .when(followUp({ occurredAt: '2024-06-30' }))
        .then(recorded({ occurredAt: '2024-06-30' }));
    });
    it('refuses a date before birth', () => {
      given([registered('2024-03-06'), enrolled('hypertension', '2024-03-06')])
        .when(followUp())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
  });

  describe('the doctor must belong to an open unit on the day', () => {
    it('refuses an unknown doctor', () => {
      given([registered(), enrolled()])
        .when(followUp(), { doctor: undefined })
        .thenThrows('DOCTOR_NOT_FOUND');
    });
    it('refuses a day before the doctor joined', () => {
      given([registered(), enrolled()])
        .when(followUp(), { doctor: doctor('d1', 'u1', '2024-03-06') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it('near miss: accepts the day the doctor joined', () => {
      given([registered(), enrolled()])
        .when(followUp(), { doctor: doctor('d1', 'u1', '2024-03-05') })
        .then(recorded());
    });
    it("refuses a day the doctor's unit was closed", () => {
      given([registered(), enrolled()])
        .when(followUp(), {
          doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-03-01'),
        })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
  });

  describe('vitals within physiological bounds', () => {
    it.each([
      [{ systolic: 310 }],
      [{ systolic: 49 }],
      [{ diastolic: 19 }],
      [{ systolic: 120, diastolic: 120 }],
      [{ condition: 'diabetes', fastingGlucose: 0.5, systolic: undefined, diastolic: undefined }],
      [{ condition: 'diabetes', fastingGlucose: 41, systolic: undefined, diastolic: undefined }],
    ])('refuses %j', (over) => {
      given([registered(), enrolled('hypertension'), enrolled('diabetes')])
        .when(followUp(over))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
    it('near miss: accepts the bounds themselves', () => {
      given([registered(), enrolled()])
        .when(followUp({ systolic: 300, diastolic: 199 }))
        .then(recorded({ systolic: 300, diastolic: 199 }));
      given([registered(), enrolled('diabetes')])
        .when(
          followUp({
            condition: 'diabetes',
            fastingGlucose: 40,
            systolic: undefined,
            diastolic: undefined,
          }),
        )
        .then([
          {
            type: 'FollowUpRecorded',
            data: {
              residentId: 'r1',
              recordId: 'fu-1',
              doctorId: 'd1',
              condition: 'diabetes',
              mode: 'face_to_face_clinic',
              fastingGlucose: 40,
              referral: false,
              occurredAt: '2024-03-05',
            },
          },
        ]);
    });
  });

  it('refuses a record id used before for this resident', () => {
    given([registered(), enrolled(), ...[recorded()[0]]])
      .when(followUp())
      .thenThrows('RECORD_ID_TAKEN');
  });

  it('refuses an unregistered resident', () => {
    given([]).when(followUp()).thenThrows('RESIDENT_NOT_FOUND');
  });
});
