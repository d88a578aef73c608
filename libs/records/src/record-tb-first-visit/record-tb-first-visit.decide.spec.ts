import { died, recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import { tbEnded, tbFirstVisited, tbNotified } from '../testing/tb-fixtures';
import { recordTbFirstVisit } from './record-tb-first-visit.action';

const given = specFor(recordTbFirstVisit, servingDoctor());
const visit = (over: Record<string, unknown> = {}) => ({
  type: 'RecordTbFirstVisit',
  residentId: 'r1',
  recordId: 'tbv-1',
  doctorId: 'd1',
  supervisor: 'family_member',
  occurredAt: '2024-03-03',
  ...over,
});

describe('RecordTbFirstVisit', () => {
  it("records the first home visit of the patient's treatment", () => {
    given([registered(), tbNotified()]).when(visit()).then([tbFirstVisited()]);
  });

  it('near miss: a visit on the notification day itself is in order', () => {
    given([registered(), tbNotified()])
      .when(visit({ occurredAt: '2024-03-01' }))
      .then([tbFirstVisited('2024-03-01')]);
  });

  it('refuses a resident never notified (TB_NOT_A_PATIENT)', () => {
    given([registered()]).when(visit()).thenThrows('TB_NOT_A_PATIENT');
  });

  it('refuses a visit the day before the notification (TB_RECORD_BEFORE_NOTIFICATION)', () => {
    given([registered(), tbNotified()])
      .when(visit({ occurredAt: '2024-02-29' }))
      .thenThrows('TB_RECORD_BEFORE_NOTIFICATION');
  });

  it('keeps a migrated visit before the notification: history is not lost', () => {
    given([registered(), tbNotified()])
      .when(visit({ occurredAt: '2024-02-29', migrated: true }))
      .then([tbFirstVisited('2024-02-29')]);
  });

  it('refuses a visit after the treatment ended (TB_RECORD_AFTER_TREATMENT_END)', () => {
    given([registered(), tbNotified(), tbEnded('2024-03-02', 'transferred')])
      .when(visit())
      .thenThrows('TB_RECORD_AFTER_TREATMENT_END');
  });

  it('refuses a second first visit of the same treatment (TB_FIRST_VISIT_DONE)', () => {
    given([registered(), tbNotified(), tbFirstVisited()])
      .when(visit({ recordId: 'tbv-2', occurredAt: '2024-03-04' }))
      .thenThrows('TB_FIRST_VISIT_DONE');
  });

  it('near miss: a voided first visit may be recorded again', () => {
    given([registered(), tbNotified(), tbFirstVisited(), recordVoided('tbv-1', 'tb_first_visit')])
      .when(visit({ recordId: 'tbv-2' }))
      .then([{ ...tbFirstVisited(), data: { ...tbFirstVisited().data, recordId: 'tbv-2' } }]);
  });

  it('refuses a visit after the death', () => {
    given([registered(), tbNotified(), died('2024-03-02')])
      .when(visit())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
