import { IsInt, IsString, Matches, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { assertNotInFuture } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { SHA256_HEX } from '../start-migration/start-migration.action';
import {
  type MigrationEvent,
  type MigrationState,
  migrationStream,
} from '../streams/migration-events';
import { streamIds } from '../streams/stream-ids';

/** Internal: sent by `import --migration` after the file's last line. */
export class CompleteMigrationRequest extends CommandRequest {
  @IsString()
  @Matches(SHA256_HEX, { message: '$property must be 64 hex digits / $property 须为64位十六进制' })
  fileSha256!: string;

  @IsInt() @Min(0) linesRead!: number;
  @IsInt() @Min(0) linesAccepted!: number;
  @IsInt() @Min(0) linesDuplicate!: number;
  @IsInt() @Min(0) linesRefused!: number;
  @IsInt() @Min(0) eventsAppended!: number;
}

/**
 * Closes the migration with the counts of the run that reached the end of the file. A migration
 * completes once: a later run of the same file finds every line already present and records
 * nothing (its own summary still prints its counts).
 */
export function decideCompleteMigration(
  c: Decision<CompleteMigrationRequest>,
  state: MigrationState,
): MigrationEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  if (!state.started)
    refuse(
      'MIGRATION_NOT_STARTED',
      'conflict',
      `文件 ${c.fileSha256} 的迁移尚未开始`,
      `no migration of file ${c.fileSha256} was started`,
      { fileSha256: c.fileSha256 },
    );
  if (c.linesRead !== c.linesAccepted + c.linesDuplicate + c.linesRefused)
    refuse(
      'MIGRATION_COUNTS_INCONSISTENT',
      'unprocessable',
      '读取行数须等于接受、重复与拒绝行数之和',
      'lines read must equal lines accepted + duplicates + refused',
      { read: c.linesRead, accepted: c.linesAccepted, duplicates: c.linesDuplicate },
    );
  if (state.completed) return [];
  return [
    {
      type: 'MigrationCompleted',
      data: {
        fileSha256: c.fileSha256,
        lines: {
          read: c.linesRead,
          accepted: c.linesAccepted,
          duplicates: c.linesDuplicate,
          refused: c.linesRefused,
        },
        eventsAppended: c.eventsAppended,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const completeMigration = action({
  type: 'CompleteMigration',
  summary: { zh: '完成历史数据迁移', en: 'Complete a historical migration of one file' },
  request: CompleteMigrationRequest,
  stream: (r) => streamIds.migration(r.fileSha256),
  decider: { ...migrationStream, decide: decideCompleteMigration },
  unitsTouched: () => null,
});
