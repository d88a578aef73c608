import { EventLog } from '../../testing/events';
import { copiedVitalsDetector } from './copied-vitals.detector';

const run = (log: EventLog) => copiedVitalsDetector.detect({ period: 2024, view: log.view() });
const QUARTERS = ['2024-02-05', '2024-05-06', '2024-08-05', '2024-11-04'];

/** An honest panel: 40 patients, four quarterly follow-ups each, readings spread out. */
function honestPanel(log: EventLog, doctorId = 'd1') {
  for (let i = 0; i < 40; i++)
    QUARTERS.forEach((d, v) =>
      log.followUp(`${doctorId}-p${i}`, d, {
        doctorId,
        systolic: 118 + ((i * 7 + v * 13) % 41),
        diastolic: 68 + ((i * 5 + v * 3) % 25),
        weightKg: 50 + ((i * 37 + v * 11) % 300) / 10,
      }),
    );
}

describe('copied-vitals', () => {
  it("flags identical readings across one patient's visits", () => {
    const log = new EventLog();
    honestPanel(log);
    const copy = { systolic: 137, diastolic: 86, weightKg: 63.4 };
    log.followUp('r1', '2024-02-01', { systolic: 150, diastolic: 92, weightKg: 64 });
    const ids = ['2024-05-02', '2024-08-01', '2024-11-01'].map((d) => log.followUp('r1', d, copy));
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'copied-vitals',
      subject: { kind: 'resident', id: 'r1' },
      score: 3,
      evidence: ids,
    });
    expect(alerts[0].explanation.en).toContain('SBP 137 DBP 86 kg 63.4');
  });

  it("flags one reading copied across a doctor's patients", () => {
    const log = new EventLog();
    honestPanel(log);
    const copy = { systolic: 141, diastolic: 87, weightKg: 58.2, fastingGlucose: 6.4 };
    const ids = [0, 1, 2, 3, 4].map((i) =>
      log.followUp(`d1-p${i}`, '2024-12-02', { ...copy, condition: 'diabetes' }),
    );
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subject: { kind: 'doctor', id: 'd1' },
      score: 5,
      evidence: ids,
    });
  });

  it('near miss: an honest panel, and a stable patient with two identical readings', () => {
    const log = new EventLog();
    honestPanel(log);
    log.followUp('r1', '2024-02-01', { systolic: 132, diastolic: 82, weightKg: 70.1 });
    log.followUp('r1', '2024-05-01', { systolic: 132, diastolic: 82, weightKg: 70.1 });
    log.followUp('r1', '2024-08-01', { systolic: 128, diastolic: 80, weightKg: 70.3 });
    expect(run(log)).toEqual([]);
  });

  it('near miss: a doctor who writes 130/80 for most patients is not accused of copying', () => {
    const log = new EventLog();
    for (let i = 0; i < 30; i++)
      QUARTERS.forEach((d, v) =>
        log.followUp(`p${i}`, d, {
          systolic: (i + v) % 3 === 0 ? 140 : 130,
          diastolic: 80,
        }),
      );
    expect(run(log)).toEqual([]);
  });

  it('ignores voided copies', () => {
    const log = new EventLog();
    honestPanel(log);
    const copy = { systolic: 137, diastolic: 86, weightKg: 63.4 };
    const ids = QUARTERS.map((d) => log.followUp('r1', d, copy));
    ids.slice(1).forEach((id) => log.void('r1', log.recordIdOf(id), '2024-12-01'));
    expect(run(log)).toEqual([]);
  });

  describe('the blood-pressure pair alone, against the district', () => {
    /** `doctors` honest doctors, 30 patients each, BP spread widely, glucose and weight varying. */
    function district(log: EventLog, doctors: number) {
      for (let d = 0; d < doctors; d++)
        for (let i = 0; i < 30; i++)
          log.followUp(`h${d}-${i}`, DAY(i), {
            doctorId: `h${d}`,
            systolic: 115 + ((i * 7 + d * 3) % 50),
            diastolic: 65 + ((i * 5 + d) % 35),
            weightKg: 55 + ((i + d) % 30),
          });
    }
    const DAY = (i: number) => `2024-${String(1 + (i % 12)).padStart(2, '0')}-10`;

    it('flags one BP pair copied onto eight patients whose other vitals vary', () => {
      const log = new EventLog();
      district(log, 40);
      const copies: string[] = [];
      for (let i = 0; i < 30; i++) {
        const copied = i < 8;
        const id = log.followUp(`x${i}`, DAY(i), {
          doctorId: 'dx',
          systolic: copied ? 137 : 118 + ((i * 3) % 40),
          diastolic: copied ? 83 : 66 + ((i * 7) % 30),
          weightKg: 50 + i,
        });
        if (copied) copies.push(id);
      }
      const alerts = run(log).filter((a) => a.subject.kind === 'doctor');
      expect(alerts.map((a) => a.subject.id)).toEqual(['dx']);
      expect(alerts[0].evidence).toEqual(copies);
      expect(alerts[0].explanation.en).toMatch(
        /the same blood pressure 137\/83 recorded for 8 different residents of this doctor \(other vitals varying\)/,
      );
    });

    it('near miss: a pair the district writes often is not a copy, and round pairs are rounding', () => {
      const log = new EventLog();
      district(log, 40);
      for (let d = 0; d < 40; d++)
        for (let i = 0; i < 3; i++)
          log.followUp(`c${d}-${i}`, DAY(i), { doctorId: `h${d}`, systolic: 128, diastolic: 78 });
      for (let i = 0; i < 30; i++)
        log.followUp(`x${i}`, DAY(i), {
          doctorId: 'dx',
          systolic: i < 4 ? 128 : i < 12 ? 130 : 118 + ((i * 3) % 40),
          diastolic: i < 4 ? 78 : i < 12 ? 80 : 66 + ((i * 7) % 30),
          weightKg: 50 + i,
        });
      expect(run(log).filter((a) => a.subject.kind === 'doctor')).toEqual([]);
    });
  });
});
