import { EventLog, at } from '../../testing/events';
import { afterDeathDetector } from './after-death.detector';

describe('after-death', () => {
  it('flags services dated after the death, including ones accepted before it was recorded', () => {
    const log = new EventLog();
    log.resident('r1');
    const fu = log.followUp('r1', '2024-05-20', { recordedAt: at('2024-05-20') });
    // The death is recorded late, dated before the follow-up.
    const death = log.died('r1', '2024-04-01', at('2024-06-15'));
    const alerts = afterDeathDetector.detect({ period: 2024, view: log.view() });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'after-death',
      subject: { kind: 'resident', id: 'r1' },
      period: 2024,
      score: 49,
      severity: 'high',
    });
    expect(alerts[0].evidence).toEqual([death, fu]);
    expect(alerts[0].explanation.en).toContain('1 entered before the death was recorded');
  });

  it('tells a late-registered death apart by source times when both were migrated', () => {
    const log = new EventLog();
    const migration = log.migrationStarted('2025-03-10');
    log.resident('r1');
    // One migration run brings both: the source system had the follow-up before the death.
    const fu = log.followUp('r1', '2024-05-20', { recordedAt: at('2025-03-10') });
    log.migrated(fu, migration, at('2024-05-20'));
    log.migrated(log.died('r1', '2024-04-01', at('2025-03-10')), migration, at('2024-06-15'));
    const [alert] = afterDeathDetector.detect({ period: 2024, view: log.view() });
    expect(alert.explanation.en).toContain('1 entered before the death was recorded');
  });

  it('covers every service kind: a health record reviewed, a mental health follow-up', () => {
    const log = new EventLog();
    log.resident('r1');
    const review = log.add(
      'resident-r1',
      'HealthRecordReviewed',
      { residentId: 'r1', recordId: 'rev-1', doctorId: 'd1', complete: true, missing: [] },
      '2024-05-20',
    );
    const visit = log.add(
      'resident-r1',
      'MentalHealthFollowUpRecorded',
      { residentId: 'r1', recordId: 'mf-1', doctorId: 'd1', mode: 'face_to_face_home' },
      '2024-06-02',
    );
    const death = log.died('r1', '2024-04-01', at('2024-06-15'));
    const [alert, ...more] = afterDeathDetector.detect({ period: 2024, view: log.view() });
    expect(more).toEqual([]);
    expect(alert.evidence).toEqual([death, review, visit]);
  });

  it("covers a tuberculosis patient's doses and a treatment ended after the death", () => {
    const log = new EventLog();
    log.resident('r1');
    const tb = { residentId: 'r1', doctorId: 'd1', treatmentId: 'tb-1' };
    const card = log.add(
      'resident-r1',
      'TbMedicationRecorded',
      { ...tb, recordId: 'tbm-1', month: '2024-05', dosesDue: 31, dosesTaken: 31 },
      '2024-05-31',
    );
    // A treatment "completed" after the death would count for regular medication.
    const end = log.add(
      'resident-r1',
      'TbTreatmentEnded',
      { ...tb, recordId: 'tbe-1', outcome: 'completed' },
      '2024-06-05',
    );
    const death = log.died('r1', '2024-05-01', at('2024-06-15'));
    const [alert, ...more] = afterDeathDetector.detect({ period: 2024, view: log.view() });
    expect(more).toEqual([]);
    expect(alert.evidence).toEqual([death, card, end]);
  });

  it('does not fire for services on or before the day of death', () => {
    const log = new EventLog();
    log.resident('r1');
    log.checkup('r1', '2024-03-01');
    log.followUp('r1', '2024-04-01');
    log.died('r1', '2024-04-01');
    expect(afterDeathDetector.detect({ period: 2024, view: log.view() })).toEqual([]);
  });

  it('ignores voided records and records outside the period', () => {
    const log = new EventLog();
    log.resident('r1');
    log.died('r1', '2023-12-20', at('2024-02-01'));
    const fu = log.followUp('r1', '2024-01-10', { recordedAt: at('2024-01-10') });
    log.void('r1', log.recordIdOf(fu), '2024-02-02');
    log.followUp('r1', '2023-12-28', { recordedAt: at('2023-12-28') });
    expect(afterDeathDetector.detect({ period: 2024, view: log.view() })).toEqual([]);
    expect(afterDeathDetector.detect({ period: 2023, view: log.view() })).toHaveLength(1);
  });

  it('uses the corrected date and cites the correction', () => {
    const log = new EventLog();
    log.resident('r1');
    const fu = log.followUp('r1', '2024-03-01', { recordedAt: at('2024-03-01') });
    const fix = log.correct('r1', log.recordIdOf(fu), { occurredAt: '2024-03-10' }, '2024-03-11');
    const death = log.died('r1', '2024-03-05', at('2024-03-20'));
    const [alert] = afterDeathDetector.detect({ period: 2024, view: log.view() });
    expect(alert).toMatchObject({ score: 5, severity: 'low', evidence: [death, fu, fix] });
  });
});
