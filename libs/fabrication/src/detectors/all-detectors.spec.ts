import { DETECTORS } from '../alert';
import { EventLog, at } from '../testing/events';
import { ALL_DETECTORS, runDetectors } from './all-detectors';

describe('runDetectors', () => {
  it('lists every detector once, with documented defaults', () => {
    expect(ALL_DETECTORS.map((d) => d.id)).toEqual([...DETECTORS]);
    for (const d of ALL_DETECTORS) {
      expect(d.description.zh.length).toBeGreaterThan(0);
      expect(Object.keys(d.params).length).toBeGreaterThan(0);
    }
  });

  it('never returns an alert without evidence, nor the same alert twice', () => {
    const log = new EventLog();
    log.resident('r1');
    ['2024-06-01', '2024-06-02', '2024-06-03'].forEach((d) =>
      log.followUp('r1', d, { recordedAt: at('2024-12-30') }),
    );
    log.died('r1', '2024-05-01', at('2024-12-31'));
    const alerts = runDetectors({
      period: 2024,
      view: log.view(),
      overClaims: [
        {
          reportEventId: 'rep-1',
          unitId: 'c1',
          indicator: 'x',
          claimed: { numerator: 5, denominator: 10 },
          ledger: { numerator: 3, denominator: 10 },
          gap: { numerator: 2, rate: 0.2 },
        },
      ],
    });
    expect(alerts.map((a) => a.detector).sort()).toEqual(
      ['after-death', 'backdating', 'follow-up-burst', 'over-claim'].sort(),
    );
    for (const a of alerts) expect(a.evidence.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => JSON.stringify(a))).size).toBe(alerts.length);
  });

  it('finds nothing in a quiet, honest log', () => {
    const log = new EventLog();
    log.resident('r1');
    ['2024-02-10', '2024-05-11', '2024-08-12', '2024-11-13'].forEach((d, i) =>
      log.followUp('r1', d, { systolic: 128 + i, diastolic: 81 + i, weightKg: 60 + i / 10 }),
    );
    expect(runDetectors({ period: 2024, view: log.view() })).toEqual([]);
  });
});
