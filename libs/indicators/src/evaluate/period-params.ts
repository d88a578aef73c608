import { isISO8601 } from 'class-validator';
import { isLedgerDate } from '@libs/records';

/**
 * The rules for a figures request's year and as-of point, in one place: the API's query classes
 * and the CLI's options check with these and refuse with these words, in both languages.
 */
export const YEAR_PATTERN = /^(20\d\d|2100)$/;

/** `$property` is the parameter's name (class-validator fills it in; the CLI names its option). */
export const YEAR_MESSAGE =
  '$property must be a year from 2000 to 2100, such as 2024 / $property 须为 2000 至 2100 之间的年份，如 2024';

export const AS_OF_MESSAGE =
  '$property must be a date such as 2024-03-05 or an ISO date-time / $property 须为日期（如 2024-03-05）或 ISO 时间';

/** A calendar date (a China day) or an ISO date-time, as Date reads it (no week or ordinal dates). */
export const isDateOrInstant = (value: unknown): boolean =>
  isISO8601(value, { strict: true }) && isLedgerDate(value);

/** A rule's message for a value named in each language (the English half, then the Chinese). */
export function messageFor(message: string, en: string, zh: string): string {
  const [english, chinese] = message.split(' / ');
  return `${english.replaceAll('$property', en)} / ${chinese.replaceAll('$property', zh)}`;
}
