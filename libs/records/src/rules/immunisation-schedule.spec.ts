import {
  LAST_DUE_AGE_YEARS,
  NIP_SCHEDULE,
  doseTimingFault,
  dueDays,
  judgeDoses,
  scheduledDose,
} from './immunisation-schedule';

describe('the national immunisation schedule as data', () => {
  it('holds the 2021 table: 22 doses of 11 vaccines, each interval counted from an earlier row', () => {
    expect(NIP_SCHEDULE).toHaveLength(22);
    expect(new Set(NIP_SCHEDULE.map((d) => d.vaccine)).size).toBe(11);
    NIP_SCHEDULE.forEach((d, i) => {
      if (d.after)
        expect(
          NIP_SCHEDULE.findIndex((x) => x.vaccine === d.after!.vaccine && x.dose === d.after!.dose),
        ).toBeLessThan(i);
    });
    expect(scheduledDose('bOPV', 3)?.after).toEqual({ vaccine: 'IPV', dose: 2, minDays: 28 });
    expect(scheduledDose('bOPV', 1)).toBeUndefined();
  });

  it('the last doses (DT 5, MPSV-AC 4) fall due at 6 years and a month: children up to 7 at a year end', () => {
    expect(LAST_DUE_AGE_YEARS).toBe(7);
    const days = dueDays('2017-12-15');
    expect(days[NIP_SCHEDULE.findIndex((d) => d.vaccine === 'DT')]).toBe('2024-01-15');
  });
});

describe('doseTimingFault', () => {
  const birth = '2023-09-15';
  it('a dose one day before its minimum age is at fault, with the first allowed day', () => {
    expect(
      doseTimingFault(birth, null, { vaccine: 'MMR', dose: 1, day: '2024-05-14' }),
    ).toMatchObject({
      code: 'VACC_DOSE_BEFORE_MIN_AGE',
      earliest: '2024-05-15',
    });
    expect(doseTimingFault(birth, null, { vaccine: 'MMR', dose: 1, day: '2024-05-15' })).toBeNull();
  });
  it('a dose one day short of its interval is at fault; on the day it is not', () => {
    const hepB3 = (day: string) => ({ vaccine: 'HepB', dose: 3, day });
    expect(doseTimingFault(birth, '2024-02-01', hepB3('2024-03-31'))).toMatchObject({
      code: 'VACC_DOSE_BEFORE_MIN_INTERVAL',
      earliest: '2024-04-01',
    });
    expect(doseTimingFault(birth, '2024-02-01', hepB3('2024-04-01'))).toBeNull();
  });
  it('a later dose with no valid previous dose is out of order', () => {
    expect(
      doseTimingFault(birth, null, { vaccine: 'HepB', dose: 2, day: '2023-11-01' })?.code,
    ).toBe('VACC_DOSE_OUT_OF_ORDER');
  });
});

describe('judgeDoses', () => {
  it('counts a dose from a valid previous one; an early dose counts for nothing, nor does what follows it', () => {
    const doses = [
      { vaccine: 'IPV', dose: 1, day: '2023-11-14' }, // one day before two months: not valid
      { vaccine: 'IPV', dose: 2, day: '2023-12-15' },
      { vaccine: 'HepB', dose: 1, day: '2023-09-15' },
    ];
    const { validOn, faults } = judgeDoses('2023-09-15', doses);
    expect([...validOn]).toEqual([['HepB 1', '2023-09-15']]);
    expect([...faults.values()].map((f) => f.code)).toEqual([
      'VACC_DOSE_BEFORE_MIN_AGE',
      'VACC_DOSE_OUT_OF_ORDER',
    ]);
  });
  it('a repeat on time (补种) counts from its own day', () => {
    const { validOn } = judgeDoses('2023-09-15', [
      { vaccine: 'IPV', dose: 1, day: '2023-11-14' },
      { vaccine: 'IPV', dose: 1, day: '2023-11-20' },
    ]);
    expect(validOn.get('IPV 1')).toBe('2023-11-20');
  });
});
