import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { foldEvents } from '@libs/ledger';
import {
  type ExecuteContext,
  MIGRATION_ACTIONS,
  type MigrationEvent,
  executeCommand,
  migrationStream,
  streamIds,
} from '@libs/records';
import type { ImportCounts } from './import-summary';

/** What the run found and did in the migration's own stream. */
export interface MigrationOutcome {
  fileSha256: string;
  sourceSystem: string;
  /** The correlation id every migrated line's events carry: the migration's stream. */
  correlationId: string;
  /** new: this run started it; resumed: an earlier run started it and did not finish; repeated: it was complete already. */
  start: 'new' | 'resumed' | 'repeated';
  /** Set once the run reached the end of the file: this run completed it, or it was already. */
  completion?: 'now' | 'already';
}

type Context = Pick<ExecuteContext, 'store' | 'clock' | 'actor' | 'authorize'>;

/**
 * Starts (or finds) the migration of one file before its lines. Its commands go through the
 * one command handler with a catalog of their own, so no line of the file can start or close a
 * migration. Each run sends fresh command ids and lets the decider see the stream: a re-run of
 * the file appends nothing to it (see docs/decisions/0013-migration-and-source-times.md).
 */
export async function beginMigration(
  ctx: Context,
  file: { path: string; bytes: number; sha256: string },
  sourceSystem: string,
): Promise<MigrationOutcome> {
  const streamId = streamIds.migration(file.sha256);
  const before = await migrationState(ctx, streamId);
  await executeCommand(
    {
      type: 'StartMigration',
      commandId: `migration-start-${randomUUID()}`,
      occurredAt: ctx.clock().toISOString(),
      fileSha256: file.sha256,
      sourceSystem,
      fileName: basename(file.path).slice(0, 255),
      fileBytes: file.bytes,
    },
    { ...ctx, catalog: MIGRATION_ACTIONS },
  );
  return {
    fileSha256: file.sha256,
    sourceSystem: before.sourceSystem ?? sourceSystem.trim(),
    correlationId: streamId,
    start: before.completed ? 'repeated' : before.started ? 'resumed' : 'new',
  };
}

/** Closes the migration with this run's counts, once the run has read the whole file. */
export async function completeMigration(
  ctx: Context,
  migration: MigrationOutcome,
  counts: ImportCounts,
): Promise<MigrationOutcome> {
  const result = await executeCommand(
    {
      type: 'CompleteMigration',
      commandId: `migration-complete-${randomUUID()}`,
      occurredAt: ctx.clock().toISOString(),
      fileSha256: migration.fileSha256,
      linesRead: counts.read,
      linesAccepted: counts.appended + counts.unchanged,
      linesDuplicate: counts.duplicates,
      linesRefused: counts.rejected,
      eventsAppended: counts.eventsAppended,
    },
    { ...ctx, catalog: MIGRATION_ACTIONS },
  );
  return { ...migration, completion: result.events.length > 0 ? 'now' : 'already' };
}

async function migrationState(ctx: Context, streamId: string) {
  const events = await ctx.store.readStream(streamId);
  return foldEvents(migrationStream, events as unknown as MigrationEvent[]);
}
