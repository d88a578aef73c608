import { parseCommand } from '../commands/parse-command';
import { registered, servingDoctor, specFor } from '../testing/fixtures';
import { tbEnded, tbMedicationRecorded, tbNotified } from '../testing/tb-fixtures';
import { recordTbMedication } from './record-tb-medication.action';

const given = specFor(recordTbMedication, servingDoctor());
const card = (over: Record<string, unknown> = {}) => ({
  type: 'RecordTbMedication',
  residentId: 'r1',
  recordId: 'tbm-2024-03',
  doctorId: 'd1',
  month: '2024-03',
  dosesDue: 31,
  dosesTaken: 30,
  occurredAt: '2024-03-31',
  ...over,
});

describe('RecordTbMedication', () => {
  it("records a month of the medication card, under the patient's treatment", () => {
    given([registered(), tbNotified()]).when(card()).then([tbMedicationRecorded()]);
  });

  it('near miss: every dose due taken is accepted; one more than due is refused', () => {
    given([registered(), tbNotified()])
      .when(card({ dosesTaken: 31 }))
      .then([
        {
          ...tbMedicationRecorded(),
          data: { ...tbMedicationRecorded().data, dosesTaken: 31 },
        },
      ]);
    given([registered(), tbNotified()])
      .when(card({ dosesDue: 30, dosesTaken: 31 }))
      .thenThrows('TB_DOSES_TAKEN_EXCEED_DUE');
  });

  it('near miss: the month the hospital started the treatment (before the notification) counts', () => {
    given([registered(), tbNotified()])
      .when(card({ recordId: 'tbm-2024-02', month: '2024-02', dosesDue: 4, dosesTaken: 4 }))
      .then([
        {
          ...tbMedicationRecorded('2024-02'),
          data: { ...tbMedicationRecorded('2024-02').data, dosesDue: 4, dosesTaken: 4 },
        },
      ]);
  });

  it('refuses a month before the treatment started, or after the record (…OUTSIDE_TREATMENT)', () => {
    given([registered(), tbNotified()])
      .when(card({ month: '2024-01' }))
      .thenThrows('TB_MEDICATION_MONTH_OUTSIDE_TREATMENT');
    given([registered(), tbNotified()])
      .when(card({ month: '2024-04' }))
      .thenThrows('TB_MEDICATION_MONTH_OUTSIDE_TREATMENT');
  });

  it('refuses a second record of the same month (TB_MEDICATION_MONTH_RECORDED)', () => {
    given([registered(), tbNotified(), tbMedicationRecorded()])
      .when(card({ recordId: 'tbm-again' }))
      .thenThrows('TB_MEDICATION_MONTH_RECORDED');
  });

  it('refuses a record dated after the end of the treatment (TB_RECORD_AFTER_TREATMENT_END)', () => {
    given([registered(), tbNotified(), tbEnded('2024-03-30')])
      .when(card())
      .thenThrows('TB_RECORD_AFTER_TREATMENT_END');
  });

  it('near miss: one dated on the day of the end, entered after it, is accepted', () => {
    given([registered(), tbNotified(), tbEnded('2024-03-31')])
      .when(card())
      .then([tbMedicationRecorded()]);
  });

  it('keeps a migrated record after the end, under that treatment', () => {
    given([registered(), tbNotified(), tbEnded('2024-03-30')])
      .when(card({ migrated: true }))
      .then([tbMedicationRecorded()]);
  });

  it('refuses a record dated before the notification', () => {
    given([registered(), tbNotified('2024-04-02')])
      .when(card())
      .thenThrows('TB_RECORD_BEFORE_NOTIFICATION');
  });

  it('refuses a month not written YYYY-MM, and more than 31 doses, at validation', () => {
    const fields = (raw: Record<string, unknown>) => {
      try {
        parseCommand({ commandId: 'c-1', ...raw });
        return [];
      } catch (error) {
        return (error as { errors: { field: string }[] }).errors.map((e) => e.field);
      }
    };
    expect(fields(card())).toEqual([]);
    expect(fields(card({ month: '2024-3', dosesDue: 32 })).sort()).toEqual(['dosesDue', 'month']);
  });
});
