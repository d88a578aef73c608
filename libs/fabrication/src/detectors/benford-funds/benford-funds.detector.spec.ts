import { EventLog } from '../../testing/events';
import { BENFORD, benfordFundsDetector } from './benford-funds.detector';

const run = (log: EventLog) => benfordFundsDetector.detect({ period: 2024, view: log.view() });

/** `n` amounts whose first digits follow Benford exactly (rounded), spread over the year. */
function benfordAmounts(log: EventLog, unitId: string, n: number) {
  let k = 0;
  for (let d = 1; d <= 9; d++)
    for (let i = 0; i < Math.round(BENFORD[d] * n); i++, k++)
      log.funds(unitId, `c${k % 7}`, d * 10 ** (3 + (k % 4)) + k * 7, `2024-0${1 + (k % 9)}-15`);
}

describe('benford-funds', () => {
  it('flags a unit whose amounts start with 4 and 9 far too often', () => {
    const log = new EventLog();
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const id = log.funds('dist', `c${i % 5}`, (i % 2 ? 49_000 : 98_000) + i, '2024-05-10');
      if (i % 2 === 0) ids.push(id); // 9 is the most over-represented (4.6% expected)
    }
    const [alert, ...rest] = run(log);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      detector: 'benford-funds',
      subject: { kind: 'unit', id: 'dist' },
      severity: 'high',
      evidence: ids,
    });
    expect(alert.score).toBeGreaterThan(0.1);
  });

  it('near miss: amounts that follow Benford, too few amounts, another year', () => {
    const log = new EventLog();
    benfordAmounts(log, 'dist', 1000);
    for (let i = 0; i < 50; i++) log.funds('small', 'c1', 90_000 + i, '2024-05-10');
    for (let i = 0; i < 150; i++) log.funds('old', 'c1', 90_000 + i, '2023-05-10');
    expect(run(log)).toEqual([]);
  });

  it('returns nothing on a log without fund events', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-03-01');
    expect(run(log)).toEqual([]);
  });
});
