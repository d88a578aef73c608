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

const run = (log: EventLog) => workloadDetector.detect({ period: 2024, view: log.view() });

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
      workloadDetector.detect({ period: 2024, view: log.view() }, { minHistoryDays: 5 }),
    ).toHaveLength(1);
  });

  describe('campaign days and home visits', () => {
    /** Five doctors of centre c1 (district dist), each steady on 30 days, residents registered. */
    function centre(log: EventLog, doctors = ['a', 'b', 'c', 'e', 'f']) {
      log.unit('dist');
      log.unit('c1', 'dist');
      const serveAt = (doctorId: string, day: string, load: number, tag: string) => {
        const ids: string[] = [];
        for (let i = 0; i < load; i++) {
          const r = `${doctorId}-${tag}-${i}`;
          log.resident(r, 'c1');
          ids.push(log.checkup(r, day, { doctorId }));
        }
        return ids;
      };
      for (const d of doctors)
        days('2024-03-01', 30).forEach((day, i) => serveAt(d, day, 8 + (i % 7), day));
      return serveAt;
    }

    it('keeps a checkup day quiet when most doctors of the centre rise together', () => {
      const log = new EventLog();
      const serveAt = centre(log);
      // Elderly checkup day: every doctor sees about three to four times the usual.
      ['a', 'b', 'c', 'e', 'f'].forEach((d, i) => serveAt(d, '2024-05-06', 34 + 2 * i, 'camp'));
      expect(run(log)).toEqual([]);
    });

    it('still flags the one doctor far above the colleagues on that day', () => {
      const log = new EventLog();
      const serveAt = centre(log);
      ['a', 'b', 'c', 'e'].forEach((d) => serveAt(d, '2024-05-06', 30, 'camp'));
      const ids = serveAt('f', '2024-05-06', 58, 'camp');
      const alerts = run(log);
      expect(alerts.map((a) => a.subject.id)).toEqual(['f']);
      expect(alerts[0].evidence).toEqual(ids);
      expect(alerts[0].explanation.en).toMatch(/campaign day at the centre \(4 of 4 colleagues/);
      expect(alerts[0].explanation.zh).toMatch(/集中服务日/);
    });

    it('near miss: a doctor a little above busy colleagues on a campaign day is not flagged', () => {
      const log = new EventLog();
      const serveAt = centre(log);
      ['a', 'b', 'c', 'e'].forEach((d) => serveAt(d, '2024-05-06', 30, 'camp'));
      serveAt('f', '2024-05-06', 40, 'camp');
      expect(run(log)).toEqual([]);
    });

    it('flags home visits beyond a day of travel, below the clinic capacity', () => {
      const log = new EventLog();
      const ids: string[] = [];
      for (let i = 0; i < 22; i++)
        ids.push(
          log.followUp(`h${i}`, '2024-05-06', { doctorId: 'd1', mode: 'face_to_face_home' }),
        );
      for (let i = 0; i < 10; i++) log.checkup(`c${i}`, '2024-05-06', { doctorId: 'd1' });
      const alerts = run(log);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].score).toBe(32);
      expect(alerts[0].evidence).toEqual(ids);
      expect(alerts[0].explanation.en).toContain('22 of them at home, above the 15 home visits');
    });

    it('near miss: fifteen home visits in a day are possible', () => {
      const log = new EventLog();
      for (let i = 0; i < 15; i++)
        log.followUp(`h${i}`, '2024-05-06', { doctorId: 'd1', mode: 'face_to_face_home' });
      expect(run(log)).toEqual([]);
    });
  });
});
