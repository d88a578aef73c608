/** The 10-day checkpoints of a year, as supervisors track progress: the 10th, the 20th and month end. */
export function checkpointDays(year: number): string[] {
  const days: string[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (const d of [10, 20, last])
      days.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return days;
}
