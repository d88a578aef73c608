/** What is still open against a task count, and the daily pace needed to close it by a deadline. */
export interface Pace {
  task: number;
  done: number;
  open: number;
  daysLeft: number;
  perDay: number;
}

/** Days from `today` to `deadline`, both counted as working days of the campaign (inclusive). */
export function daysBetween(today: string, deadline: string): number {
  return Math.max(
    0,
    Math.round(
      (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
    ) + 1,
  );
}

/**
 * The daily pace is the open count over the days left, to the nearest whole service, the way
 * the district notices state it (domain.md, Quanxiu table); `exactPerDay` keeps the fraction.
 */
export function paceFor(
  task: number,
  done: number,
  daysLeft: number,
): Pace & { exactPerDay: number } {
  const open = Math.max(0, task - done);
  const exactPerDay = daysLeft > 0 ? open / daysLeft : open;
  return { task, done, open, daysLeft, perDay: Math.round(exactPerDay), exactPerDay };
}
