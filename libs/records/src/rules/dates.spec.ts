import { ageOn, chinaDay, chinaMinute, daysFrom, monthAgeDay } from './dates';

/** The definition the fast paths must agree with: the instant moved 8 hours, then its UTC date. */
const reference = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describe('chinaDay', () => {
  it('agrees with the Date-based definition at every hour and written form', () => {
    const forms = (ms: number) => {
      const iso = new Date(ms).toISOString();
      return [iso, iso.replace('.000Z', 'Z'), iso.slice(0, 16) + 'Z', iso.replace('Z', '+00:00')];
    };
    for (let ms = Date.parse('2024-02-28T00:00:00Z'); ms < Date.parse('2024-03-02T00:00:00Z');)
      for (const iso of forms((ms += 1_799_000)))
        expect([iso, chinaDay(iso)]).toEqual([iso, reference(iso)]);
  });

  it('reads an instant with another offset by its instant, not its text', () => {
    expect(chinaDay('2024-12-31T23:30:00-01:00')).toBe('2025-01-01');
    expect(chinaDay('2024-12-31T23:30:00+08:00')).toBe('2024-12-31');
    expect(chinaDay('2024-12-31T15:59:59.999Z')).toBe('2024-12-31');
    expect(chinaDay('2024-12-31T16:00:00.000Z')).toBe('2025-01-01');
  });

  it('passes a plain date through', () => {
    expect(chinaDay('2024-02-29')).toBe('2024-02-29');
  });
});

describe('chinaMinute', () => {
  it('writes an instant in China time, to the minute', () => {
    expect(chinaMinute('2024-03-05T09:30:59.999Z')).toBe('2024-03-05 17:30');
  });
  it('near miss: from 16:00 UTC it is the next day in China', () => {
    expect(chinaMinute('2024-03-05T16:00:00Z')).toBe('2024-03-06 00:00');
    expect(chinaMinute('2024-03-05T15:59:00Z')).toBe('2024-03-05 23:59');
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1959-12-31', '2024-12-30')).toBe(64);
    expect(ageOn('1959-12-31', '2024-12-31')).toBe(65);
    expect(ageOn('2020-02-29', '2024-02-28')).toBe(3);
    expect(ageOn('2020-02-29', '2024-02-29')).toBe(4);
    expect(ageOn('2024-06-01', '2024-06-01')).toBe(0);
  });

  it('takes the day of an instant in China time', () => {
    // 16:30 UTC on 30 December is already 31 December in China.
    expect(ageOn('1959-12-31', '2024-12-30T16:30:00Z')).toBe(65);
    expect(ageOn('1959-12-31', '2024-12-30T15:30:00Z')).toBe(64);
  });
});

describe('monthAgeDay', () => {
  it('is the same day of the month, months later', () => {
    expect(monthAgeDay('2023-03-15', 6)).toBe('2023-09-15');
    expect(monthAgeDay('2023-11-15', 6)).toBe('2024-05-15');
    expect(monthAgeDay('2021-01-01', 36)).toBe('2024-01-01');
  });
  it("near miss: a day the month does not have becomes the month's last", () => {
    expect(monthAgeDay('2023-08-31', 6)).toBe('2024-02-29');
    expect(monthAgeDay('2022-08-31', 6)).toBe('2023-02-28');
  });
  it('counts days between two days', () => {
    expect(daysFrom('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysFrom('2024-03-01', '2024-02-28')).toBe(-2);
  });
});
