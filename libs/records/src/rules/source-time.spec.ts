import { RuleRefusal } from './rule-error';
import { checkSourceRecordedAt } from './source-time';

/** Ledger time of these specs: 2024-06-30 12:00 in China. */
const NOW = '2024-06-30T04:00:00.000Z';

const codeOf = (value: unknown, occurredAt: unknown = '2024-03-05'): string => {
  try {
    checkSourceRecordedAt(value, occurredAt, NOW);
    return 'accepted';
  } catch (error) {
    if (error instanceof RuleRefusal) return error.code;
    throw error;
  }
};

describe('sourceRecordedAt of a migrated line', () => {
  it('is returned as the same instant in UTC, so it compares with recordedAt as a string', () => {
    expect(checkSourceRecordedAt('2024-03-05T09:30:00+08:00', '2024-03-05', NOW)).toBe(
      '2024-03-05T01:30:00.000Z',
    );
    expect(checkSourceRecordedAt('2024-03-05T01:30Z', '2024-03-05', NOW)).toBe(
      '2024-03-05T01:30:00.000Z',
    );
  });

  it.each([
    ['a date without a time', '2024-03-05'],
    ['a time without a zone', '2024-03-05T09:30:00'],
    ['a day that does not exist', '2024-02-30T09:30:00+08:00'],
    ['not ISO', '05/03/2024 09:30'],
    ['a number', 1709602200000],
    ['null', null],
  ])('refuses %s with SOURCE_TIME_INVALID', (_label, value) => {
    expect(codeOf(value)).toBe('SOURCE_TIME_INVALID');
  });

  it('refuses a time after the ledger time, and accepts the ledger time itself', () => {
    expect(codeOf('2024-06-30T04:00:00.001Z')).toBe('SOURCE_TIME_IN_FUTURE');
    expect(codeOf('2024-07-01T09:00:00+08:00')).toBe('SOURCE_TIME_IN_FUTURE');
    expect(codeOf(NOW)).toBe('accepted');
  });

  it('refuses a day before the record happened (China days), and accepts the same day', () => {
    expect(codeOf('2024-03-04T23:59:59+08:00', '2024-03-05')).toBe('SOURCE_TIME_BEFORE_OCCURRED');
    // 2024-03-04T16:00Z is already 5 March in China.
    expect(codeOf('2024-03-04T16:00:00Z', '2024-03-05')).toBe('accepted');
    expect(codeOf('2024-03-05T08:00:00+08:00', '2024-03-05T10:00:00+08:00')).toBe('accepted');
  });

  it('leaves a bad occurredAt to the command validation', () => {
    expect(codeOf('2024-03-05T09:30:00+08:00', 'soon')).toBe('accepted');
  });

  it('says what is wrong in both languages', () => {
    try {
      checkSourceRecordedAt('2024-07-01T09:00:00+08:00', '2024-03-05', NOW);
      throw new Error('not refused');
    } catch (error) {
      const refusal = error as RuleRefusal;
      expect(refusal.messageEn).toContain('after the ledger time');
      expect(refusal.messageZh).toContain('晚于账本时间');
    }
  });
});
