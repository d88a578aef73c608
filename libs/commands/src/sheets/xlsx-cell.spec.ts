import { cellText, plainValue } from './xlsx-cell';

describe('a sheet cell as import text', () => {
  it('reads a date cell by its wall-clock day, whatever zone the machine is in', () => {
    // exceljs hands 5 March over as midnight UTC; in China that instant is already 08:00.
    expect(cellText(new Date('2024-03-05T00:00:00Z'), true)).toBe('2024-03-05');
    expect(cellText(new Date('1950-07-01T00:00:00Z'), true)).toBe('1950-07-01');
  });

  it('keeps a time of day as China time', () => {
    expect(cellText(new Date('2024-03-05T23:30:00Z'), true)).toBe('2024-03-05T23:30:00+08:00');
  });

  it('reads a serial number in a date field as the Excel day', () => {
    expect(cellText(45356, true)).toBe('2024-03-05');
    expect(cellText(45356.5, true)).toBe('2024-03-05T12:00:00+08:00');
    expect(cellText(45356, false)).toBe('45356');
  });

  it('spells out the ways a day is typed', () => {
    expect(cellText('2024/3/5', true)).toBe('2024-03-05');
    expect(cellText('2024年3月5日', true)).toBe('2024-03-05');
    expect(cellText(' 2024-03-05 ', true)).toBe('2024-03-05');
    expect(cellText('2024.3.5', true)).toBe('2024-03-05');
  });

  it('leaves what is no day as typed, for validation to name', () => {
    expect(cellText('2024/2/30', true)).toBe('2024/2/30');
    expect(cellText('昨天', true)).toBe('昨天');
  });

  it('reduces rich text, formulas and links to their value', () => {
    expect(plainValue({ richText: [{ text: '门' }, { text: '诊' }] })).toBe('门诊');
    expect(plainValue({ formula: 'A1+1', result: 132 })).toBe(132);
    expect(plainValue({ text: 'r-1', hyperlink: 'http://x' })).toBe('r-1');
    expect(plainValue(undefined)).toBeNull();
  });
});
