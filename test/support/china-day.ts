/**
 * The ledger counts days and years in China time (UTC+8, no daylight saving since 1991); the
 * UTC date is a day behind from 16:00 to 24:00 UTC. Tests take "today" from here, computed on
 * their own rather than with the code under test, so a wrong day in the code cannot hide.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in China (YYYY-MM-DD) at an instant, by default now. */
export const chinaDayAt = (ms: number = Date.now()): string =>
  new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Today in China. */
export const chinaToday = (): string => chinaDayAt();

/** The current year in China. */
export const chinaYear = (): number => Number(chinaToday().slice(0, 4));
