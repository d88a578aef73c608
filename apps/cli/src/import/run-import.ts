import { type Clock, type EventStore, inBatch } from '@libs/ledger';
import {
  type ExecuteContext,
  ACTIONS_BY_TYPE,
  StreamStateCache,
  type CommandResult,
  executeCommand,
  executeValidated,
} from '@libs/records';
import { ImportFatalError } from './import-errors';
import type { ImportItem } from './import-item';
import type { ImportProgress } from './import-progress';
import type { ImportCounts } from './import-summary';
import { type RowOutcome, countOutcome, rowOutcome } from '@libs/commands/sheets';
import type { RejectSink } from './rejects-writer';
import { sourceTimeOfLine } from './source-time-of-line';

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
  rejects: RejectSink;
  progress: ImportProgress;
  /** Updated in place, so a caller still has the numbers when the run stops early. */
  counts: ImportCounts;
  /** Polled between lines; true ends the run after the batch in hand. */
  stopRequested(): boolean;
  /** Lines per commit; the time bound below usually ends a batch first. */
  batchLines?: number;
  /** Folded states for the run, shared with the lock guard and the scope check. */
  states?: StreamStateCache;
  /**
   * Set when the import is a migration: lines may carry `sourceRecordedAt`, and their events
   * carry this correlation id (the migration's stream), so they can be told apart later.
   */
  migration?: { correlationId: string };
  /**
   * The personal-data vault. A line's identity is written after its append; a batch rolled back
   * afterwards leaves that vault row behind, harmless: a re-run appends the line again and
   * writes the same identity (docs/decisions/0021).
   */
  vault?: ExecuteContext['vault'];
}

/** A commit at least this often, so a slow file still shows progress and holds the lock briefly. */
const BATCH_MS = 200;
const BATCH_LINES = 4_000;

/**
 * Executes the lines in order, each through the one command handler and each atomic on its own
 * (a refused line appends nothing), but commits them in batches: one transaction and one fsync
 * per batch. Counts, progress and the rejects file move only after a batch is durable, so what
 * the run reports is what survives a crash; a re-run skips what was committed (command ids).
 * Returns false when it stopped early on request.
 */
export async function runImport(run: ImportRun): Promise<boolean> {
  const states = run.states ?? new StreamStateCache();
  const iterator = run.items[Symbol.asyncIterator]();
  const limit = run.batchLines ?? BATCH_LINES;
  let exhausted = false;
  try {
    while (!exhausted) {
      const done: RowOutcome[] = [];
      await inBatch(run.store, async () => {
        const started = Date.now();
        while (done.length < limit && Date.now() - started < BATCH_MS) {
          const next = await iterator.next();
          if (next.done) {
            exhausted = true;
            return;
          }
          done.push(await executeLine(run, next.value, states));
        }
      });
      await settle(run, done);
      if (run.stopRequested() && !exhausted) return false;
    }
    return true;
  } finally {
    // Lets the source close its file (and stop its reading thread) when the run ends early.
    if (!exhausted) await iterator.return?.(undefined);
  }
}

async function executeLine(
  run: ImportRun,
  item: ImportItem,
  states: StreamStateCache,
): Promise<RowOutcome> {
  try {
    return await rowOutcome(item, () => execute(run, item, states));
  } catch (error) {
    // The batch is rolled back whole: its lines are not acknowledged and a re-run redoes them.
    const why = (error as Error).message ?? String(error);
    throw new ImportFatalError(
      `stopped at line ${item.line}: ${why}`,
      `在第 ${item.line} 行停止：${why}`,
    );
  }
}

/** A line validated on the reading side goes straight to deciding; any other is validated here. */
async function execute(
  run: ImportRun,
  item: ImportItem,
  states: StreamStateCache,
): Promise<CommandResult> {
  const ctx: ExecuteContext = {
    store: run.store,
    clock: run.clock,
    actor: run.actor,
    authorize: run.authorize,
    catalog: run.catalog,
    guard: run.guard,
    states,
    correlationId: run.migration?.correlationId,
    ...(run.vault ? { vault: run.vault } : {}),
  };
  const { validated } = item;
  if (validated) {
    const action = (run.catalog ?? ACTIONS_BY_TYPE).get(validated.type);
    // The reading side validated against every public type; this run may accept fewer.
    if (!action) return executeCommand({ ...validated.request, type: validated.type }, ctx);
    return executeValidated(
      { action, request: validated.request, fingerprint: validated.fingerprint },
      { ...ctx, sourceRecordedAt: validated.sourceRecordedAt },
    );
  }
  const line = sourceTimeOfLine(item.command, run.migration !== undefined, run.clock);
  return executeCommand(line.command, { ...ctx, sourceRecordedAt: line.sourceRecordedAt });
}

/** After the commit: the batch's lines count, show, and their rejects are written. */
async function settle(run: ImportRun, done: RowOutcome[]): Promise<void> {
  const { counts } = run;
  for (const d of done) {
    countOutcome(counts, d);
    if (d.outcome === 'rejected')
      await run.rejects.write({
        line: d.item.line,
        reason: d.reason,
        input: d.item.input,
        ...(d.item.cells ? { cells: d.item.cells } : {}),
      });
    counts.lastLine = d.item.line;
  }
  const last = done[done.length - 1];
  if (last) run.progress.update(counts.read, last.item.bytesRead);
}
