/** Ledger time comes from a clock the store is given, so operator tools can simulate it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * recordedAt never goes backwards in the log, even if the wall clock does, so "as known on a
 * date" filters by a monotonic value.
 */
export function nextRecordedAt(clock: Clock, lastRecordedAt: string | null): string {
  const now = clock().toISOString();
  return lastRecordedAt !== null && lastRecordedAt > now ? lastRecordedAt : now;
}
