import { refuse } from './rule-error';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar day in China (UTC+8) a timestamp falls on; dates pass through unchanged. */
export function chinaDay(iso: string): string {
  if (DATE_ONLY.test(iso)) return iso;
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
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
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = chinaDay(day).split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
