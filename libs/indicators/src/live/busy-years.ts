/**
 * The years worth keeping figures for: those most records fall in (a tenth of the busiest
 * year's or more: a year's own services, not the few old contracts it carries), busiest first,
 * and the current year. The API and `ledger rebuild` keep the same ones.
 */
export function busyYears(recordYears: ReadonlyMap<number, number>, thisYear: number): number[] {
  const busiest = Math.max(0, ...recordYears.values());
  const years = [...recordYears]
    .filter(([, records]) => records >= busiest / 10)
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .map(([year]) => year);
  if (!years.includes(thisYear)) years.push(thisYear);
  return years;
}
