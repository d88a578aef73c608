/** A cell as the import sees it: exceljs's rich text, formulas and links reduced to their value. */
export type XlsxValue = string | number | boolean | Date | null;

export function plainValue(value: unknown): XlsxValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text: string }[]).map((part) => part.text).join('');
    if ('result' in v) return plainValue(v.result);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** Excel's day 0 of the 1900 date system (which counts a 29 February 1900 that never was). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const TYPED_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * The cell as the text a CSV cell would hold. Date fields become China dates: a sheet holds the
 * clerk's wall-clock day with no zone, which is the day in China. exceljs hands a date cell over
 * as a Date at that wall-clock time in UTC, so its UTC fields are the day as typed (reading its
 * local fields, or taking it as an instant, would shift it by the machine's zone); a serial
 * number is read the same way; "2024/3/5" and "2024年3月5日" are spelled out as 2024-03-05.
 * A time of day, when there is one, is kept with the China offset (+08:00).
 */
export function cellText(value: XlsxValue, isDate: boolean): string {
  if (value === null) return '';
  if (value instanceof Date) return chinaDateText(value);
  if (typeof value === 'number') {
    if (isDate && value > 0 && value < 2_958_466)
      return chinaDateText(new Date(EXCEL_EPOCH_MS + Math.round(value * DAY_MS)));
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value.trim();
  if (!isDate) return text;
  const typed = TYPED_DATE.exec(text);
  if (!typed) return text;
  const [year, month, day] = typed.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2024/2/30 is not a day: left as typed, so validation names the field.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return text;
  return isoDay(date);
}

function chinaDateText(wallClock: Date): string {
  if (Number.isNaN(wallClock.getTime())) return '';
  // Birth dates before 1970 are negative times: the remainder is taken positive.
  const seconds = Math.round((((wallClock.getTime() % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  if (seconds === 0) return isoDay(wallClock);
  const time = wallClock.toISOString().slice(11, 19);
  return `${isoDay(wallClock)}T${time}+08:00`;
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
