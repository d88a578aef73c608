import { EventLog, days } from '../../testing/events';
import { digitPreferenceDetector } from './digit-preference.detector';

const run = (log: EventLog) => digitPreferenceDetector.detect({ period: 2024, view: log.view() });
const DAYS = days('2024-01-02', 300);

describe('digit-preference', () => {
  it('flags a doctor whose readings mostly end in 0', () => {
    const log = new EventLog();
    const zeros: string[] = [];
    for (let i = 0; i < 60; i++) {
      const round = i % 5 !== 0;
      const id = log.checkup(`r${i}`, DAYS[i], {
        vitals: round ? { systolic: 130, diastolic: 80 } : { systolic: 127, diastolic: 83 },
      });
      if (round) zeros.push(id);
    }
    const alerts = run(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      detector: 'digit-preference',
      subject: { kind: 'doctor', id: 'd1' },
      severity: 'high',
      evidence: zeros,
    });
    expect(alerts[0].score).toBeGreaterThan(300);
    expect(alerts[0].explanation.en).toContain('end in 0');
  });

  it('near miss: an honest, roughly uniform end-digit distribution does not fire', () => {
    const log = new EventLog();
    // 300 values: digits 0–9 used 28–32 times each (chance-level unevenness).
    for (let i = 0; i < 150; i++) {
      const sys = 120 + ((i * 7) % 10) + (i % 3) * 10;
      const dia = 70 + ((i * 3 + (i > 100 ? 1 : 0)) % 10);
      log.followUp(`r${i % 40}`, DAYS[i], { systolic: sys, diastolic: dia });
    }
    expect(run(log)).toEqual([]);
  });

  it('needs the minimum number of readings', () => {
    const log = new EventLog();
    for (let i = 0; i < 20; i++)
      log.checkup(`r${i}`, DAYS[i], { vitals: { systolic: 130, diastolic: 80 } });
    expect(run(log)).toEqual([]);
  });

  describe('readings nudged under the control threshold, against the district', () => {
    /** Honest doctors: hypertension readings spread evenly over 120–159 / 70–99. */
    const honestDistrict = (log: EventLog, doctors: number, readings = 40) => {
      for (let d = 0; d < doctors; d++)
        for (let i = 0; i < readings; i++)
          log.followUp(`h${d}-r${i}`, DAYS[i], {
            doctorId: `h${d}`,
            systolic: 120 + ((i * 7 + d) % 40),
            diastolic: 70 + ((i * 11 + d) % 30),
          });
    };
    const bandAlerts = (log: EventLog) =>
      run(log).filter((a) => a.explanation.en.includes('nudged'));

    it("flags Simple's fudging ratio against the district's own ratio", () => {
      const log = new EventLog();
      honestDistrict(log, 30);
      const low: string[] = [];
      for (let i = 0; i < 60; i++) {
        const sys = i < 50 ? 131 + (i % 9) : 141 + (i % 9);
        const id = log.followUp(`r${i}`, DAYS[i], { systolic: sys, diastolic: 71 + (i % 9) });
        if (i < 50) low.push(id);
      }
      const alerts = bandAlerts(log);
      expect(alerts.map((a) => a.subject.id)).toEqual(['d1']);
      expect(alerts[0].severity).toBe('high');
      expect(alerts[0].score).toBeGreaterThan(4);
      expect(alerts[0].evidence).toEqual(low);
      expect(alerts[0].explanation.en).toMatch(
        /systolic 130–139 50 times against 140–149 10 times \(ratio 5\.00; the district's other doctors 1\.\d\d\)/,
      );
    });

    it('finds a doctor with only 22 readings when both bands lean under the thresholds', () => {
      const log = new EventLog();
      honestDistrict(log, 60);
      for (let i = 0; i < 22; i++)
        log.followUp(`r${i}`, DAYS[i], { systolic: 131 + (i % 9), diastolic: 81 + ((i * 3) % 9) });
      expect(bandAlerts(log).map((a) => a.subject.id)).toEqual(['d1']);
    });

    it('near miss: a 22-reading doctor a little under the thresholds is chance', () => {
      const log = new EventLog();
      honestDistrict(log, 60);
      for (let i = 0; i < 22; i++)
        log.followUp(`r${i}`, DAYS[i], {
          systolic: i < 14 ? 131 + (i % 9) : 141 + (i % 9),
          diastolic: i < 13 ? 81 + (i % 9) : 91 + (i % 9),
        });
      expect(bandAlerts(log)).toEqual([]);
    });

    it('finds a doctor who nudges only some readings: the edges show it, the wide bands cannot', () => {
      const log = new EventLog();
      honestDistrict(log, 30);
      // Half of the readings at 140–144 / 90–94 written 5 lower, the rest as measured: the wide
      // bands lean only 1.7 : 1 (under the 2× needed), the five units at the line 3 : 1.
      for (let i = 0; i < 200; i++) {
        const sys = 120 + ((i * 7) % 40);
        const dia = 70 + ((i * 11) % 30);
        log.followUp(`r${i}`, DAYS[i % 300], {
          systolic: sys >= 140 && sys <= 144 && i % 2 === 0 ? sys - 5 : sys,
          diastolic: dia >= 90 && dia <= 94 && i % 2 === 0 ? dia - 5 : dia,
        });
      }
      const [alert, ...more] = bandAlerts(log);
      expect(more).toEqual([]);
      expect(alert.subject.id).toBe('d1');
      expect(alert.explanation.en).toMatch(/(systolic 135–139|diastolic 85–89) \d+ times against/);
      expect(alert.explanation.zh).toMatch(/(收缩压 135–139|舒张压 85–89) 有 \d+ 次/);
    });

    /** 44 diastolics just under 90 against 7 just over; the systolics as `systolic(i)` gives. */
    const diastolicLean = (log: EventLog, systolic: (i: number) => number) => {
      for (let i = 0; i < 51; i++)
        log.followUp(`r${i}`, DAYS[i], {
          systolic: systolic(i),
          diastolic: i < 44 ? 85 + (i % 5) : 90 + (i % 5),
        });
    };

    it('near miss: one band leaning hard while the other, with readings of its own, does not', () => {
      const log = new EventLog();
      honestDistrict(log, 30);
      // The honest extreme of a district year: the diastolics alone, the systolics as spread as
      // everyone's. Nudging moves whichever reading is over its line, so it shows in both.
      diastolicLean(log, (i) => 120 + ((i * 7) % 40));
      expect(bandAlerts(log)).toEqual([]);
    });

    it('flags the same diastolics when the systolics lean under 140 too', () => {
      const log = new EventLog();
      honestDistrict(log, 30);
      diastolicLean(log, (i) => (i % 4 === 0 ? 140 + (i % 5) : 135 + (i % 5)));
      expect(bandAlerts(log).map((a) => a.subject.id)).toEqual(['d1']);
    });

    it('near miss: without other doctors there is no reference, and no verdict', () => {
      const log = new EventLog();
      for (let i = 0; i < 60; i++)
        log.followUp(`r${i}`, DAYS[i], { systolic: 131 + (i % 9), diastolic: 81 + (i % 9) });
      expect(bandAlerts(log)).toEqual([]);
    });
  });

  describe('across a district of doctors (family-wise alpha, Holm)', () => {
    // 100 systolic values whose end digits are a little uneven: chi-square 29.2, p ≈ 6e-4.
    const UNEVEN = [26, 7, 7, 7, 8, 9, 9, 9, 9, 9];
    const withDigits = (log: EventLog, doctorId: string, counts: number[]) => {
      let i = 0;
      counts.forEach((count, digit) => {
        for (let k = 0; k < count; k++, i++)
          log.checkup(`${doctorId}-r${i}`, DAYS[i % DAYS.length], {
            doctorId,
            vitals: { systolic: 120 + digit },
          });
      });
    };
    const honestDoctors = (log: EventLog, n: number) => {
      for (let d = 0; d < n; d++) withDigits(log, `honest-${d}`, new Array(10).fill(6));
    };

    it('fires for a borderline doctor tested alone', () => {
      const log = new EventLog();
      withDigits(log, 'dx', UNEVEN);
      expect(run(log).map((a) => a.subject.id)).toEqual(['dx']);
    });

    it('stays quiet on the same doctor among 20 others: p ≈ 6e-4 is what chance gives one in many', () => {
      const log = new EventLog();
      withDigits(log, 'dx', UNEVEN);
      honestDoctors(log, 20);
      expect(run(log)).toEqual([]);
    });

    it('still flags a doctor who writes round numbers, however many doctors there are', () => {
      const log = new EventLog();
      withDigits(log, 'dz', [60, 2, 2, 2, 2, 6, 2, 2, 2, 2]);
      honestDoctors(log, 200);
      expect(run(log).map((a) => a.subject.id)).toEqual(['dz']);
    });
  });
});
