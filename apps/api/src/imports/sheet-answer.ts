import type { RowOutcome } from '@libs/commands/sheets';

/** How many rows did what; read = appended + duplicates + unchanged + rejected (the CLI's words). */
export interface SheetCounts {
  read: number;
  appended: number;
  duplicates: number;
  unchanged: number;
  rejected: number;
  eventsAppended: number;
}

/** A refused row: where it stands in the sheet and why, in both languages. */
export interface RowRejection {
  row: number;
  code: string;
  message: { zh: string; en: string };
  kind?: string;
  errors?: unknown[];
  details?: Record<string, unknown>;
}

export function countsOf(outcomes: readonly RowOutcome[]): SheetCounts {
  const counts = { read: 0, appended: 0, duplicates: 0, unchanged: 0, rejected: 0 };
  let eventsAppended = 0;
  for (const o of outcomes) {
    counts.read += 1;
    if (o.outcome === 'appended') {
      counts.appended += 1;
      eventsAppended += o.events;
    } else if (o.outcome === 'duplicate') counts.duplicates += 1;
    else if (o.outcome === 'unchanged') counts.unchanged += 1;
    else counts.rejected += 1;
  }
  return { ...counts, eventsAppended };
}

export function rejectionsOf(outcomes: readonly RowOutcome[]): RowRejection[] {
  return outcomes.flatMap((o) =>
    o.outcome === 'rejected'
      ? [
          {
            row: o.item.line,
            code: o.reason.code,
            message: { zh: o.reason.zh, en: o.reason.en },
            ...(o.reason.kind ? { kind: o.reason.kind } : {}),
            ...(o.reason.errors ? { errors: o.reason.errors } : {}),
            ...(o.reason.details ? { details: o.reason.details } : {}),
          },
        ]
      : [],
  );
}
