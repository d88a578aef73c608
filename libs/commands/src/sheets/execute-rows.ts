import { inBatch } from '@libs/ledger';
import { type CommandResult, type ExecuteContext, executeCommand } from '@libs/records';
import type { ImportItem, RejectReason } from './import-item';
import { rejectReasonFor } from './reject-reason';

export type RowOutcome =
  | { item: ImportItem; outcome: 'appended'; events: number }
  | { item: ImportItem; outcome: 'duplicate' | 'unchanged' }
  | { item: ImportItem; outcome: 'rejected'; reason: RejectReason };

/** A commit at least this often, so other writers wait no longer than this behind an upload. */
const BATCH_MS = 200;
const BATCH_ROWS = 4_000;

/**
 * Rows through the one command handler, in order, each atomic on its own (a refused row
 * appends nothing and the others go on), committed in batches: one transaction and one fsync
 * per batch, as the import does (docs/decisions/0012). A failure that is not about a row (the
 * disk) rolls its batch back whole and is thrown: the batches before it are durable, and the
 * same rows sent again complete the work without appending anything twice (command ids).
 */
export async function executeRows(
  items: readonly ImportItem[],
  ctx: ExecuteContext,
  limits: { batchRows?: number; batchMs?: number } = {},
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  let next = 0;
  while (next < items.length) {
    const batch: RowOutcome[] = [];
    await inBatch(ctx.store, async () => {
      const started = Date.now();
      while (
        next + batch.length < items.length &&
        batch.length < (limits.batchRows ?? BATCH_ROWS) &&
        Date.now() - started < (limits.batchMs ?? BATCH_MS)
      )
        batch.push(await executeRow(items[next + batch.length], ctx));
    });
    // Counted only once the batch is durable: what the answer reports, a crash cannot undo.
    outcomes.push(...batch);
    next += batch.length;
  }
  return outcomes;
}

function executeRow(item: ImportItem, ctx: ExecuteContext): Promise<RowOutcome> {
  return rowOutcome(item, () => executeCommand(item.command, ctx));
}

/**
 * What one row or line did: refused on reading, refused by the handler (the reason kept), or
 * appended, a repeat, or unchanged. An error that is not about the row is thrown: it stops the
 * batch. Shared by the HTTP upload and the CLI import, which execute a row differently.
 */
export async function rowOutcome(
  item: ImportItem,
  execute: () => Promise<CommandResult>,
): Promise<RowOutcome> {
  if (item.reject) return { item, outcome: 'rejected', reason: item.reject };
  try {
    const result = await execute();
    if (result.duplicate) return { item, outcome: 'duplicate' };
    if (result.events.length === 0) return { item, outcome: 'unchanged' };
    return { item, outcome: 'appended', events: result.events.length };
  } catch (error) {
    const reason = rejectReasonFor(error);
    if (!reason) throw error;
    return { item, outcome: 'rejected', reason };
  }
}

/** How many rows did what; read = appended + duplicates + unchanged + rejected. */
export interface RowCounts {
  read: number;
  /** Commands that appended events now. */
  appended: number;
  /** Commands whose commandId was already in the log: nothing appended again. */
  duplicates: number;
  /** Commands that were accepted but decided nothing. */
  unchanged: number;
  rejected: number;
  eventsAppended: number;
}

/** Counts before the first row. */
export const noRowsCounted = (): RowCounts => ({
  read: 0,
  appended: 0,
  duplicates: 0,
  unchanged: 0,
  rejected: 0,
  eventsAppended: 0,
});

/** Adds one row's outcome to the counts, in place. */
export function countOutcome(counts: RowCounts, o: RowOutcome): void {
  counts.read += 1;
  if (o.outcome === 'appended') {
    counts.appended += 1;
    counts.eventsAppended += o.events;
  } else if (o.outcome === 'duplicate') counts.duplicates += 1;
  else if (o.outcome === 'unchanged') counts.unchanged += 1;
  else counts.rejected += 1;
}
