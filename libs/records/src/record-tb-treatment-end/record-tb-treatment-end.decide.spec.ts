import { died, registered, servingDoctor, specFor } from '../testing/fixtures';
import { tbEnded, tbMedicationRecorded, tbNotified } from '../testing/tb-fixtures';
import { recordTbTreatmentEnd } from './record-tb-treatment-end.action';

const given = specFor(recordTbTreatmentEnd, servingDoctor());
const end = (over: Record<string, unknown> = {}) => ({
  type: 'RecordTbTreatmentEnd',
  residentId: 'r1',
  recordId: 'tbe-tb-1',
  doctorId: 'd1',
  outcome: 'completed',
  occurredAt: '2024-06-20',
  ...over,
});

describe('RecordTbTreatmentEnd', () => {
  it('ends the treatment with its outcome', () => {
    given([registered(), tbNotified(), tbMedicationRecorded()]).when(end()).then([tbEnded()]);
  });

  it('refuses a resident never notified (TB_NOT_A_PATIENT)', () => {
    given([registered()]).when(end()).thenThrows('TB_NOT_A_PATIENT');
  });

  it('refuses a second end of the same treatment (TB_TREATMENT_ALREADY_ENDED)', () => {
    given([registered(), tbNotified(), tbEnded('2024-06-10', 'cured')])
      .when(end({ recordId: 'tbe-2' }))
      .thenThrows('TB_TREATMENT_ALREADY_ENDED');
  });

  it('refuses an end before the notification (TB_END_BEFORE_NOTIFICATION), keeps it migrated', () => {
    given([registered(), tbNotified()])
      .when(end({ occurredAt: '2024-02-29' }))
      .thenThrows('TB_END_BEFORE_NOTIFICATION');
    given([registered(), tbNotified()])
      .when(end({ occurredAt: '2024-02-29', migrated: true }))
      .then([tbEnded('2024-02-29')]);
  });

  it('refuses an end before a record of the treatment (TB_END_BEFORE_LAST_RECORD)', () => {
    given([registered(), tbNotified(), tbMedicationRecorded('2024-03', '2024-03-31')])
      .when(end({ occurredAt: '2024-03-30' }))
      .thenThrows('TB_END_BEFORE_LAST_RECORD');
  });

  it('near miss: an end on the day of the last record is in order', () => {
    given([registered(), tbNotified(), tbMedicationRecorded('2024-03', '2024-03-31')])
      .when(end({ occurredAt: '2024-03-31', outcome: 'died' }))
      .then([tbEnded('2024-03-31', 'died')]);
  });

  it('refuses an end dated after the death (the outcome is recorded on the day of death)', () => {
    given([registered(), tbNotified(), died('2024-05-01')])
      .when(end({ occurredAt: '2024-05-02', outcome: 'died' }))
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
