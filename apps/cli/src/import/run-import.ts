import type { Clock, EventStore } from '@libs/ledger';
import { type ExecuteContext, executeCommand } from '@libs/records';
import { ImportFatalError } from './import-errors';
import type { ImportItem } from './import-item';
import type { ImportProgress } from './import-progress';
import type { ImportCounts } from './import-summary';
import { rejectReasonFor } from './reject-reason';
import type { RejectsWriter } from './rejects-writer';

export interface ImportRun {
  items: AsyncIterable<ImportItem>;
  store: EventStore;
  clock: Clock;
  actor: string;
  /** The actor's role and unit scope, checked per line. */
  authorize?: ExecuteContext['authorize'];
  /** The accepted commands and the period-lock guard (ledgerCommandContext). */
  catalog?: ExecuteContext['catalog'];
  guard?: ExecuteContext['guard'];
  rejects: RejectsWriter;
  progress: ImportProgress;
  /** Updated in place, so a caller still has the numbers when the run stops early. */
  counts: ImportCounts;
  /** Polled between lines; true ends the run after the line in hand. */
  stopRequested(): boolean;
}

/**
 * Executes the items one after another, each through the one command handler, awaiting each, so
 * every acknowledged line is appended atomically before the next is read. Returns false when it
 * stopped early on request.
 */
export async function runImport(run: ImportRun): Promise<boolean> {
  const { counts } = run;
  for await (const item of run.items) {
    counts.read += 1;
    if (item.reject) {
      await reject(run, item, item.reject);
    } else {
      try {
        const result = await executeCommand(item.command, {
          store: run.store,
          clock: run.clock,
          actor: run.actor,
          authorize: run.authorize,
          catalog: run.catalog,
          guard: run.guard,
        });
        if (result.duplicate) counts.duplicates += 1;
        else if (result.events.length === 0) counts.unchanged += 1;
        else {
          counts.appended += 1;
          counts.eventsAppended += result.events.length;
        }
      } catch (error) {
        const reason = rejectReasonFor(error);
        if (!reason) {
          counts.read -= 1;
          throw new ImportFatalError(
            `stopped at line ${item.line}: ${(error as Error).message ?? String(error)}`,
          );
        }
        await reject(run, item, reason);
      }
    }
    counts.lastLine = item.line;
    run.progress.update(counts.read, item.bytesRead);
    if (run.stopRequested()) return false;
  }
  return true;
}

async function reject(
  run: ImportRun,
  item: ImportItem,
  reason: NonNullable<ImportItem['reject']>,
): Promise<void> {
  run.counts.rejected += 1;
  await run.rejects.write({ line: item.line, reason, input: item.input });
}
