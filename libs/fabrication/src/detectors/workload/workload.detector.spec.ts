import { EventLog, days } from '../../testing/events';
import { workloadDetector } from './workload.detector';

/** `load` residents seen face to face by doctor `doctorId` on `day` (checkup + TCM for some). */
function serve(log: EventLog, doctorId: string, day: string, load: number, tag = day): string[] {
  const ids: string[] = [];
  for (let i = 0; i < load; i++) {
    const r = `${doctorId}-${tag}-${i}`;
    ids.push(log.checkup(r, day, { doctorId }));
    if (i % 3 === 0) ids.push(log.tcm(r, day, doctorId));
  }
  return ids;
}

const run = (log: EventLog) => workloadDetector.detect({ period: 2024, events: log.events });

/** A steady doctor: 8–14 residents on each of 30 working days. */
function steady(log: EventLog, doctorId: string) {
  days('2024-03-01', 30).forEach((d, i) => serve(log, doctorId, d, 8 + (i % 7)));
}

describe('workload', () => {
  it('flags a day beyond capacity, counting residents (not records)', () => {
    const log = new EventLog();
    const ids = serve(log, 'd1', '2024-05-06', 75);
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'workload',
      subject: { kind: 'doctor', id: 'd1' },
      score: 75,
      severity: 'medium',
    });
    expect(alerts[0].evidence).toEqual(ids);
    expect(alerts[0].explanation.en).toContain('above the capacity of 60');
  });

  it("flags a day far above the doctor's own baseline, below capacity", () => {
    const log = new EventLog();
    steady(log, 'd1');
    const ids = serve(log, 'd1', '2024-05-06', 45);
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 45, evidence: ids, severity: 'high' });
    expect(alerts[0].explanation.en).toMatch(/own median 11\.0, modified z \d+/);
  });

  it('near miss: a genuinely busy day (twice the usual) does not fire', () => {
    const log = new EventLog();
    steady(log, 'd1');
    serve(log, 'd1', '2024-05-06', 24);
    expect(run(log)).toEqual([]);
  });

  it('near miss: phone follow-ups and a busy day at capacity do not count', () => {
    const log = new EventLog();
    serve(log, 'd1', '2024-05-06', 60);
    for (let i = 0; i < 30; i++)
      log.followUp(`p${i}`, '2024-05-06', { doctorId: 'd1', mode: 'phone' });
    expect(run(log)).toEqual([]);
  });

  it('needs enough history for the baseline rule', () => {
    const log = new EventLog();
    days('2024-03-01', 5).forEach((d) => serve(log, 'd1', d, 10));
    serve(log, 'd1', '2024-05-06', 45);
    expect(run(log)).toEqual([]);
    expect(
      workloadDetector.detect({ period: 2024, events: log.events }, { minHistoryDays: 5 }),
    ).toHaveLength(1);
  });
});
