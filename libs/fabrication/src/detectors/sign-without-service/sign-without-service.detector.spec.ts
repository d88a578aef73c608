import { EventLog } from '../../testing/events';
import { signWithoutServiceDetector } from './sign-without-service.detector';

const run = (log: EventLog) =>
  signWithoutServiceDetector.detect({ period: 2024, view: log.view() });

/** `n` contracts by `doctorId` on two consecutive days; `served(i)` decides who gets a follow-up. */
function campaign(log: EventLog, doctorId: string, n: number, served: (i: number) => boolean) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = `${doctorId}-r${i}`;
    log.resident(r);
    const id = log.contract(r, i % 2 ? '2024-03-05' : '2024-03-04', doctorId);
    if (served(i)) log.followUp(r, '2024-06-01', { doctorId: 'other' });
    else ids.push(id);
  }
  return ids;
}

describe('sign-without-service', () => {
  it('flags a burst of contracts with no service afterwards', () => {
    const log = new EventLog();
    const unserved = campaign(log, 'd1', 25, (i) => i < 2);
    log.checkup('late', '2024-12-20'); // the log runs to year end
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'sign-without-service',
      subject: { kind: 'doctor', id: 'd1' },
      score: 23,
      severity: 'medium',
    });
    expect([...alerts[0].evidence].sort()).toEqual([...unserved].sort());
    expect(alerts[0].explanation.en).toContain('25 contracts signed within 2 days');
  });

  it('near miss: a district-wide campaign where every doctor signs healthy adults at once', () => {
    const log = new EventLog();
    for (let d = 1; d <= 8; d++) campaign(log, `d${d}`, 22 + (d % 4), () => false);
    log.checkup('late', '2024-12-20');
    expect(run(log)).toEqual([]);
  });

  it('flags the doctor far above the others in that campaign', () => {
    const log = new EventLog();
    for (let d = 1; d <= 8; d++) campaign(log, `d${d}`, 22 + (d % 4), () => false);
    campaign(log, 'bulk', 60, () => false);
    log.checkup('late', '2024-12-20');
    expect(run(log).map((a) => a.subject.id)).toEqual(['bulk']);
  });

  it('near miss: a signing campaign whose residents are served', () => {
    const log = new EventLog();
    campaign(log, 'd1', 40, (i) => i % 3 !== 0);
    log.checkup('late', '2024-12-20');
    expect(run(log)).toEqual([]);
  });

  it('near miss: contracts spread over weeks, and too few in a burst', () => {
    const log = new EventLog();
    for (let i = 0; i < 30; i++) {
      log.resident(`s${i}`);
      log.contract(`s${i}`, `2024-04-${String(1 + (i % 28)).padStart(2, '0')}`, 'd2');
    }
    campaign(log, 'd3', 15, () => false);
    log.checkup('late', '2024-12-20');
    expect(run(log)).toEqual([]);
  });

  it('does not judge a burst the log has not yet had time to follow', () => {
    const log = new EventLog();
    campaign(log, 'd1', 25, () => false);
    log.checkup('late', '2024-04-01');
    expect(run(log)).toEqual([]);
  });

  describe('windows of one to seven days', () => {
    /** `n` contracts by `doctorId` spread evenly over `days` days from 4 March, none served. */
    function spread(log: EventLog, doctorId: string, n: number, days: number) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = `${doctorId}-s${i}`;
        log.resident(r);
        ids.push(log.contract(r, `2024-03-${String(4 + (i % days)).padStart(2, '0')}`, doctorId));
      }
      return ids;
    }
    const peers = (log: EventLog) => {
      for (let d = 1; d <= 8; d++) spread(log, `p${d}`, 6 + (d % 3), 6);
    };

    it('flags a batch spread over six days to stay under a two-day rule', () => {
      const log = new EventLog();
      peers(log);
      const ids = spread(log, 'spread', 42, 6);
      log.checkup('late', '2024-12-20');
      const alerts = run(log);
      expect(alerts.map((a) => a.subject.id)).toEqual(['spread']);
      expect([...alerts[0].evidence].sort()).toEqual([...ids].sort());
      expect(alerts[0].explanation.en).toMatch(
        /^42 contracts signed within 6 days from 2024-03-04/,
      );
    });

    it('near miss: the same six days when every doctor signs as many (a district campaign)', () => {
      const log = new EventLog();
      for (let d = 1; d <= 8; d++) spread(log, `p${d}`, 38 + d, 6);
      spread(log, 'spread', 42, 6);
      log.checkup('late', '2024-12-20');
      expect(run(log)).toEqual([]);
    });
  });
});
