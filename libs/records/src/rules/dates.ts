import { refuse } from './rule-error';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CHINA_OFFSET_MS = 8 * 3600_000;
/** An instant written in UTC (Z), as the ledger writes its own times. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

let evening = { utcDay: '', day: '' };

/** The calendar day in China (UTC+8) a timestamp falls on; dates pass through unchanged. */
export function chinaDay(iso: string): string {
  if (iso.length === 10 && DATE_ONLY.test(iso)) return iso;
  // A UTC instant before 16:00 falls on the same calendar day in China: no Date needed. The
  // indicators ask this for every fact of every resident, so the common case must be cheap.
  if (UTC_INSTANT.test(iso)) {
    const utcDay = iso.slice(0, 10);
    if (iso.slice(11, 13) < '16') return utcDay;
    // From 16:00 UTC it is the next day in China. Every command of an evening asks this for its
    // `now`, so the last day's successor is kept rather than parsing a Date each time.
    if (utcDay !== evening.utcDay) evening = { utcDay, day: nextDay(utcDay) };
    return evening.day;
  }
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);

/**
 * An instant as a reader in China writes it, to the minute ("2024-03-05 17:30"): when an
 * export was made, on its title row.
 */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A record may not claim to have happened after the ledger received it. */
export function assertNotInFuture(occurredAt: string, now: string): void {
  if (chinaDay(occurredAt) > chinaDay(now)) {
    refuse(
      'OCCURRED_IN_FUTURE',
      'unprocessable',
      `发生日期 ${occurredAt} 晚于今天`,
      `occurredAt ${occurredAt} is in the future`,
      {
        occurredAt,
        now,
      },
    );
  }
}

export function assertNotBeforeBirth(occurredAt: string, birthDate: string): void {
  if (chinaDay(occurredAt) < birthDate) {
    refuse(
      'OCCURRED_BEFORE_BIRTH',
      'unprocessable',
      `发生日期 ${occurredAt} 早于居民出生日期 ${birthDate}`,
      `occurredAt ${occurredAt} is before the resident's birth date ${birthDate}`,
      {
        occurredAt,
        birthDate,
      },
    );
  }
}

/** Age in whole years on a day, the way the programme counts 65+ and 0–6. */
export function ageOn(birthDate: string, day: string): number {
  const on = chinaDay(day);
  // Month and day compare as text (both zero-padded), so no parsing beyond the years.
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The day a child born on `birthDate` (YYYY-MM-DD) is `months` months old: the same day of the
 * month, or the month's last day when it has no such day (born 31 August: six months on
 * 28 or 29 February).
 */
export function monthAgeDay(birthDate: string, months: number): string {
  // Asked for every child at every due age by each evaluation of a district's children (and
  // again for each as-of day): a few thousand birth dates and a dozen ages, kept once computed.
  const key = `${birthDate}|${months}`;
  let day = MONTH_AGE_DAYS.get(key);
  if (day === undefined) {
    if (MONTH_AGE_DAYS.size > 100_000) MONTH_AGE_DAYS.clear();
    day = computeMonthAgeDay(birthDate, months);
    MONTH_AGE_DAYS.set(key, day);
  }
  return day;
}

const MONTH_AGE_DAYS = new Map<string, string>();

function computeMonthAgeDay(birthDate: string, months: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (YYYY-MM-DD), negative when b is earlier. */
export const daysFrom = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
