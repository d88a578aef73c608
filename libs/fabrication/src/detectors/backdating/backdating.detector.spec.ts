import { EventLog, at, days } from '../../testing/events';
import { backdatingDetector } from './backdating.detector';

const run = (log: EventLog, seals?: Parameters<typeof backdatingDetector.detect>[0]['seals']) =>
  backdatingDetector.detect({ period: 2024, view: log.view(), seals });

describe('backdating', () => {
  it('flags records entered long after their quarter closed, per doctor', () => {
    const log = new EventLog();
    log.resident('r1');
    const a = log.followUp('r1', '2024-02-10', { recordedAt: at('2024-07-20') });
    const b = log.checkup('r1', '2024-03-01', { recordedAt: at('2024-07-21') });
    log.followUp('r1', '2024-05-10', { recordedAt: at('2024-05-10') });
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'backdating',
      subject: { kind: 'doctor', id: 'd1' },
      score: 2,
      severity: 'low',
      evidence: [a, b],
    });
    expect(alerts[0].explanation.en).toContain('longest gap 161 days');
  });

  it('flags a cluster of earlier-quarter records entered just before a deadline', () => {
    const log = new EventLog();
    const ids = days('2024-05-01', 35).map((d, i) => {
      log.resident(`r${i}`);
      return log.followUp(`r${i}`, d, { recordedAt: at('2024-09-29') });
    });
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 35, severity: 'high', evidence: ids });
    expect(alerts[0].explanation.en).toContain('within 3 days of a quarterly deadline');
  });

  it('flags records entered after the year was sealed, citing the seal', () => {
    const log = new EventLog();
    log.unit('dist');
    log.unit('c1', 'dist');
    log.resident('r1', 'c1');
    const fu = log.followUp('r1', '2024-12-20', { recordedAt: at('2025-01-10') });
    const seals = [{ year: 2024, unitId: 'dist', sealedAt: at('2025-01-05'), eventId: 'seal-1' }];
    const [alert] = run(log, seals);
    expect(alert).toMatchObject({ severity: 'high', evidence: [fu, 'seal-1'] });
    expect(run(log, [{ ...seals[0], unitId: 'other' }])).toEqual([]);
  });

  it('near miss: honest catch-up at the end of the same quarter, and Q4 spilling into January', () => {
    const log = new EventLog();
    days('2024-07-01', 60).forEach((d, i) => {
      log.resident(`r${i}`);
      log.followUp(`r${i}`, d, { recordedAt: at('2024-09-29') });
    });
    log.resident('q4');
    log.followUp('q4', '2024-10-08', { recordedAt: at('2025-01-12') });
    expect(run(log)).toEqual([]);
  });

  it('falls back to the unit for a record without a doctor', () => {
    const log = new EventLog();
    log.resident('r1', 'c9');
    const id = log.add(
      'resident-r1',
      'ChronicCareEnrolled',
      { residentId: 'r1', recordId: 'en-1', condition: 'diabetes', doctorId: null },
      '2024-01-15',
      at('2024-06-01'),
    );
    expect(run(log)[0]).toMatchObject({ subject: { kind: 'unit', id: 'c9' }, evidence: [id] });
  });
});

describe('backdating of migrated records', () => {
  /** A year of honest records migrated on 2025-03-10: each entered in its source system the same day. */
  function migratedYear(withSourceTimes: boolean) {
    const log = new EventLog();
    const migration = log.migrationStarted('2025-03-10');
    const ids = days('2024-01-05', 300).map((d, i) => {
      log.resident(`r${i}`);
      const id = log.followUp(`r${i}`, d, { recordedAt: at('2025-03-10') });
      return log.migrated(id, migration, withSourceTimes ? at(d) : undefined);
    });
    return { log, migration, ids };
  }

  it('judges a migrated record by its source time, so the migration day flags nothing', () => {
    const { log } = migratedYear(true);
    expect(run(log)).toEqual([]);
  });

  it('still finds back-dating inside the source system: a deadline batch of old records', () => {
    const { log, migration } = migratedYear(true);
    const planted = days('2024-04-01', 35).map((d, i) => {
      log.resident(`b${i}`);
      const id = log.followUp(`b${i}`, d, { doctorId: 'd9', recordedAt: at('2025-03-10') });
      return log.migrated(id, migration, at('2024-09-29'));
    });
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subject: { kind: 'doctor', id: 'd9' },
      score: 35,
      severity: 'high',
      evidence: planted,
    });
  });

  it('passes by a record migrated without a source time: its entry time is unknown', () => {
    const { log } = migratedYear(false);
    expect(run(log)).toEqual([]);
  });

  it('near miss: the same late entry born in the ledger (no migration) is flagged', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-02-10', { recordedAt: at('2025-03-10') });
    expect(run(log)).toHaveLength(1);
  });

  it('a correlation id that names no migration in the log does not excuse a record', () => {
    const log = new EventLog();
    log.resident('r1');
    const id = log.followUp('r1', '2024-02-10', { recordedAt: at('2025-03-10') });
    log.migrated(id, `migration-${'ef'.repeat(32)}`);
    expect(run(log)).toHaveLength(1);
  });
});
