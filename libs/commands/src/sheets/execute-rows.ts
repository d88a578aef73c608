import { inBatch } from '@libs/ledger';
import { type ExecuteContext, executeCommand } from '@libs/records';
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

async function executeRow(item: ImportItem, ctx: ExecuteContext): Promise<RowOutcome> {
  if (item.reject) return { item, outcome: 'rejected', reason: item.reject };
  try {
    const result = await executeCommand(item.command, ctx);
    if (result.duplicate) return { item, outcome: 'duplicate' };
    if (result.events.length === 0) return { item, outcome: 'unchanged' };
    return { item, outcome: 'appended', events: result.events.length };
  } catch (error) {
    const reason = rejectReasonFor(error);
    if (!reason) throw error;
    return { item, outcome: 'rejected', reason };
  }
}
