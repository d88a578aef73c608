import {
  type RowCounts,
  type RowOutcome,
  countOutcome,
  noRowsCounted,
} from '@libs/commands/sheets';

/** How many rows did what (the CLI's words). */
export type SheetCounts = RowCounts;

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
  const counts = noRowsCounted();
  for (const o of outcomes) countOutcome(counts, o);
  return counts;
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
