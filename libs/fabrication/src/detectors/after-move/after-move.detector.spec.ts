import { EventLog, at } from '../../testing/events';
import { afterMoveDetector } from './after-move.detector';

describe('after-move', () => {
  it('flags every service dated after the move-out in one alert per resident', () => {
    const log = new EventLog();
    log.resident('r1');
    log.resident('r2');
    const a = log.followUp('r1', '2024-06-01', { recordedAt: at('2024-06-01') });
    const b = log.tcm('r1', '2024-06-10');
    const c = log.contract('r1', '2024-06-12');
    const move = log.movedOut('r1', '2024-05-31', at('2024-07-01'));
    log.followUp('r2', '2024-06-01');
    const alerts = afterMoveDetector.detect({ period: 2024, view: log.view() });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'after-move',
      subject: { kind: 'resident', id: 'r1' },
      score: 12,
      severity: 'medium',
      evidence: [move, a, b, c],
    });
    expect(alerts[0].explanation.zh).toContain('迁出');
  });

  it('does not fire for services before the move or on its day, nor for deaths', () => {
    const log = new EventLog();
    log.resident('r1');
    log.followUp('r1', '2024-05-31');
    log.movedOut('r1', '2024-05-31');
    log.resident('r2');
    log.died('r2', '2024-01-01', at('2024-09-01'));
    log.followUp('r2', '2024-03-01');
    expect(afterMoveDetector.detect({ period: 2024, view: log.view() })).toEqual([]);
  });
});
