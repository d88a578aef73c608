import {
  isTbImpossibleSequence,
  tbDosesDue,
  tbSequenceFault,
  tbTakenRegularly,
} from './tb-sequence';

describe('tuberculosis treatment rules', () => {
  const t = { notifiedOn: '2024-03-01', endedOn: '2024-08-31' };

  it('names an impossible sequence: before the notification, or after the end', () => {
    expect(tbSequenceFault('record', '2024-02-29', t)).toBe('before_notification');
    expect(tbSequenceFault('record', '2024-03-01', t)).toBeNull();
    expect(tbSequenceFault('record', '2024-08-31', t)).toBeNull();
    expect(tbSequenceFault('record', '2024-09-01', t)).toBe('after_end');
    expect(tbSequenceFault('record', '2025-01-01', { ...t, endedOn: null })).toBeNull();
  });

  it('judges an end only against the notification', () => {
    expect(tbSequenceFault('end', '2024-09-01', t)).toBeNull();
    expect(isTbImpossibleSequence('end', '2024-02-29', t)).toBe(true);
    expect(isTbImpossibleSequence('record', '2024-05-01', t)).toBe(false);
  });

  it('counts the doses a course owes', () => {
    expect(tbDosesDue('initial', 'daily')).toBe(180);
    expect(tbDosesDue('initial', 'every_other_day')).toBe(90);
    expect(tbDosesDue('retreatment', 'daily')).toBe(240);
  });

  it('near miss: 162 of 180 doses (90%) is regular, 161 (89.4%) is not', () => {
    expect(tbTakenRegularly(162, 180)).toBe(true);
    expect(tbTakenRegularly(161, 180)).toBe(false);
    // 899 of 1,000 is 89.9%: short, in whole numbers, without rounding it up to 90%.
    expect(tbTakenRegularly(899, 1000)).toBe(false);
    expect(tbTakenRegularly(900, 1000)).toBe(true);
  });
});
