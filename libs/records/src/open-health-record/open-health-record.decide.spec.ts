import {
  died,
  doctor,
  recordVoided,
  registered,
  servingDoctor,
  specFor,
} from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { openHealthRecord } from './open-health-record.action';

const given = specFor(openHealthRecord, servingDoctor());
const open = (over: Record<string, unknown> = {}) => ({
  type: 'OpenHealthRecord',
  residentId: 'r1',
  recordId: 'ehr-1',
  doctorId: 'd1',
  occurredAt: '2024-03-05',
  ...over,
});
const opened = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'HealthRecordOpened',
    data: {
      residentId: 'r1',
      recordId: 'ehr-1',
      doctorId: 'd1',
      form: 'electronic',
      complete: false,
      occurredAt: '2024-03-05',
      ...over,
    },
  } as ResidentEvent,
];
/** A registration that states the health record the resident already had. */
const registeredWithRecord = (): ResidentEvent => {
  const r = registered() as Extract<ResidentEvent, { type: 'ResidentRegistered' }>;
  return {
    ...r,
    data: {
      ...r.data,
      healthRecord: { form: 'electronic', complete: true, openedOn: '2019-05-01' },
    },
  };
};

describe('OpenHealthRecord', () => {
  it('opens an electronic record, not yet standardised until stated or reviewed', () => {
    given([registered()]).when(open()).then(opened());
  });

  it('near miss: a paper record opened complete is recorded as such', () => {
    given([registered()])
      .when(open({ form: 'paper', complete: true }))
      .then(opened({ form: 'paper', complete: true }));
  });

  describe('one health record per resident', () => {
    it('refuses a second opening (HEALTH_RECORD_EXISTS)', () => {
      given([registered(), ...opened()])
        .when(open({ recordId: 'ehr-2' }))
        .thenThrows('HEALTH_RECORD_EXISTS');
    });
    it('refuses one when the registration stated a record', () => {
      given([registeredWithRecord()]).when(open()).thenThrows('HEALTH_RECORD_EXISTS');
    });
    it('near miss: a voided opening may be made again', () => {
      given([registered(), ...opened(), recordVoided('ehr-1', 'health_record')])
        .when(open({ recordId: 'ehr-2' }))
        .then(opened({ recordId: 'ehr-2' }));
    });
  });

  it('refuses an opening dated after the death', () => {
    given([registered(), died('2024-03-04')])
      .when(open())
      .thenThrows('SERVICE_AFTER_DEATH');
  });

  it('near miss: accepts one on the day of death', () => {
    given([registered(), died('2024-03-05')])
      .when(open())
      .then(opened());
  });

  it('refuses a day before the doctor joined', () => {
    given([registered()])
      .when(open(), { doctor: doctor('d1', 'u1', '2024-03-06') })
      .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
  });
});
