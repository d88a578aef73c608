import { EventLog } from '../../testing/events';
import { placesDetector } from './places.detector';

/** A district with centres c1 and c2 (each with a station), doctor d1 of c1, residents of both. */
function district(): EventLog {
  const log = new EventLog();
  log.unit('dist');
  log.unit('c1', 'dist');
  log.unit('c1-s1', 'c1');
  log.unit('c2', 'dist');
  log.unit('c2-s1', 'c2');
  log.add(
    'doctor-d1',
    'DoctorRegistered',
    { doctorId: 'd1', unitId: 'c1-s1', teamId: null },
    '2020-01-01',
  );
  for (let i = 0; i < 10; i++) {
    log.resident(`own${i}`, i % 2 ? 'c1' : 'c1-s1');
    log.resident(`far${i}`, i % 2 ? 'c2' : 'c2-s1');
  }
  return log;
}
const run = (log: EventLog) => placesDetector.detect({ period: 2024, view: log.view() });

describe('places', () => {
  it("flags a day with residents of another centre's catchment, naming their records", () => {
    const log = district();
    for (let i = 0; i < 4; i++) log.checkup(`own${i}`, '2024-05-06', { doctorId: 'd1' });
    const away = [0, 1, 2].map((i) =>
      log.followUp(`far${i}`, '2024-05-06', { doctorId: 'd1', mode: 'face_to_face_home' }),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'places',
      subject: { kind: 'doctor', id: 'd1' },
      score: 3,
      severity: 'medium',
    });
    expect(alerts[0].evidence).toEqual(away);
    expect(alerts[0].explanation.en).toContain('3 residents of other centres');
    expect(alerts[0].explanation.zh).toContain('c2 3');
  });

  it('near miss: one resident of another centre is a referral, not a pattern', () => {
    const log = district();
    log.checkup('own0', '2024-05-06', { doctorId: 'd1' });
    log.checkup('far0', '2024-05-06', { doctorId: 'd1' });
    expect(run(log)).toEqual([]);
  });

  it('near miss: a doctor assigned to the other centre by then serves it', () => {
    const log = district();
    log.add(
      'doctor-d1',
      'DoctorAssigned',
      { doctorId: 'd1', unitId: 'c2', teamId: null },
      '2024-05-01',
    );
    for (let i = 0; i < 3; i++) log.checkup(`far${i}`, '2024-05-06', { doctorId: 'd1' });
    log.checkup('own0', '2024-04-20', { doctorId: 'd1' });
    expect(run(log)).toEqual([]);
  });

  it('near miss: the same residents on different days, and phone follow-ups, do not count', () => {
    const log = district();
    log.checkup('own0', '2024-05-06', { doctorId: 'd1' });
    log.checkup('far0', '2024-05-07', { doctorId: 'd1' });
    log.checkup('far1', '2024-05-08', { doctorId: 'd1' });
    for (let i = 2; i < 6; i++)
      log.followUp(`far${i}`, '2024-05-06', { doctorId: 'd1', mode: 'phone' });
    expect(run(log)).toEqual([]);
  });
});
