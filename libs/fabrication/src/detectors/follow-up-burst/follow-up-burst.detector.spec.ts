import { EventLog, at } from '../../testing/events';
import { followUpBurstDetector } from './follow-up-burst.detector';

const run = (log: EventLog) => followUpBurstDetector.detect({ period: 2024, view: log.view() });

describe('follow-up-burst', () => {
  it("flags the year's four quarterly follow-ups dated within a few days", () => {
    const log = new EventLog();
    log.resident('r1');
    const ids = ['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-29'].map((d) =>
      log.followUp('r1', d, { systolic: 128, diastolic: 80 }),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'follow-up-burst',
      subject: { kind: 'resident', id: 'r1' },
      score: 4,
      severity: 'high',
      evidence: ids,
    });
  });

  it('flags several follow-ups of one condition on one day', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-02-01');
    const a = log.followUp('r1', '2024-06-03');
    const b = log.followUp('r1', '2024-06-03');
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 2, severity: 'low', evidence: [a, b] });
    expect(alerts[0].explanation.en).toContain('on one day');
  });

  it('flags a year of follow-ups entered at one sitting', () => {
    const log = new EventLog();
    log.resident('r1');
    const entered = at('2024-12-20');
    const ids = ['2024-02-10', '2024-05-11', '2024-08-12', '2024-11-13'].map((d) =>
      log.followUp('r1', d, { recordedAt: entered }),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 4, evidence: ids });
    expect(alerts[0].explanation.en).toContain('entered within a few days');
  });

  it('near miss: a patient followed up twice in a week after an uncontrolled reading', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-03-01', { systolic: 168, diastolic: 98 });
    log.followUp('r1', '2024-03-05', { systolic: 150, diastolic: 92 });
    log.followUp('r1', '2024-03-08', { systolic: 136, diastolic: 84 });
    log.followUp('r1', '2024-06-10');
    expect(run(log)).toEqual([]);
  });

  it('near miss: quarterly follow-ups, and two conditions seen on the same day', () => {
    const log = new EventLog();
    log.resident('r1');
    for (const d of ['2024-02-10', '2024-05-11', '2024-08-12', '2024-11-13']) {
      log.followUp('r1', d, { condition: 'hypertension' });
      log.followUp('r1', d, { condition: 'diabetes', fastingGlucose: 6.1 });
    }
    expect(run(log)).toEqual([]);
  });

  it('ignores voided duplicates', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-06-03');
    const dup = log.followUp('r1', '2024-06-03');
    log.void('r1', log.recordIdOf(dup), '2024-06-04');
    expect(run(log)).toEqual([]);
  });
});

describe('follow-up-burst over migrated records', () => {
  const QUARTERS = ['2024-02-10', '2024-05-11', '2024-08-12', '2024-11-13'];

  it('does not take the migration run for a sitting: source times are the entry times', () => {
    const log = new EventLog();
    const migration = log.migrationStarted('2025-03-10');
    log.resident('r1');
    QUARTERS.forEach((d) =>
      log.migrated(log.followUp('r1', d, { recordedAt: at('2025-03-10') }), migration, at(d)),
    );
    expect(run(log)).toEqual([]);
  });

  it('still finds a year entered at one sitting in the source system', () => {
    const log = new EventLog();
    const migration = log.migrationStarted('2025-03-10');
    log.resident('r1');
    const ids = QUARTERS.map((d) =>
      log.migrated(
        log.followUp('r1', d, { recordedAt: at('2025-03-10') }),
        migration,
        at('2024-12-20'),
      ),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 4, evidence: ids });
    expect(alerts[0].explanation.en).toContain('by 2024-12-20');
  });

  it('without source times: no entry burst, but follow-ups dated together are still found', () => {
    const log = new EventLog();
    const migration = log.migrationStarted('2025-03-10');
    log.resident('r1');
    QUARTERS.forEach((d) =>
      log.migrated(log.followUp('r1', d, { recordedAt: at('2025-03-10') }), migration),
    );
    log.resident('r2');
    const sameDay = ['2024-06-01', '2024-06-01'].map((d) =>
      log.migrated(log.followUp('r2', d, { recordedAt: at('2025-03-10') }), migration),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subject: { id: 'r2' }, evidence: sameDay });
  });
});
