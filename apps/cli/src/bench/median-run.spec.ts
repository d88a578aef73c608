import { type HttpLevel, medianRun } from './http-load';

const run = (perSecond: number, p99: number): HttpLevel => ({
  connections: 32,
  seconds: 10,
  acknowledgedPerSecond: perSecond,
  p50: p99 / 4,
  p99,
  non2xx: 0,
  noAnswer: 0,
  statuses: '',
  rounds: [perSecond],
});

describe('medianRun', () => {
  it('reports the run with the median rate, its own latencies, and every run in the order run', () => {
    const level = medianRun([run(700, 150), run(480, 400), run(560, 260)]);
    expect(level.acknowledgedPerSecond).toBe(560);
    expect(level.p99).toBe(260);
    expect(level.rounds).toEqual([700, 480, 560]);
  });

  it('takes the lower middle of an even number of runs, and a single run as it is', () => {
    expect(medianRun([run(9, 1), run(3, 2), run(5, 3), run(7, 4)]).acknowledgedPerSecond).toBe(5);
    expect(medianRun([run(42, 8)])).toMatchObject({ acknowledgedPerSecond: 42, rounds: [42] });
  });
});
