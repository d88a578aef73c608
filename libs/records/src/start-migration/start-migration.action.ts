import { IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { assertNotInFuture } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import {
  type MigrationEvent,
  type MigrationState,
  migrationStream,
} from '../streams/migration-events';
import { streamIds } from '../streams/stream-ids';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHA256_MESSAGE =
  '$property must be 64 lower-case hex digits / $property 须为64位小写十六进制';

/** Internal: sent by `import --migration` before the file's lines, never over HTTP. */
export class StartMigrationRequest extends CommandRequest {
  @IsString()
  @Matches(SHA256_HEX, { message: SHA256_MESSAGE })
  fileSha256!: string;

  /** The system the records come from, as the operator names it (`--source`). */
  @IsString()
  @Length(1, 200)
  sourceSystem!: string;

  @IsString()
  @Length(1, 255)
  fileName!: string;

  @IsInt()
  @Min(0)
  fileBytes!: number;
}

/**
 * The first run of a file starts its migration. A later run of the same file (resuming an
 * interrupted one, or repeating a finished one) starts nothing new: the stream already says
 * where the file came from. The same bytes cannot come from another system, so a run naming a
 * different source is refused rather than quietly recorded under the first name.
 */
export function decideStartMigration(
  c: Decision<StartMigrationRequest>,
  state: MigrationState,
): MigrationEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  const sourceSystem = c.sourceSystem.trim();
  if (sourceSystem === '')
    refuse(
      'MIGRATION_SOURCE_REQUIRED',
      'unprocessable',
      '须注明来源系统',
      'name the source system',
    );
  if (state.started) {
    if (state.sourceSystem !== sourceSystem)
      refuse(
        'MIGRATION_SOURCE_MISMATCH',
        'conflict',
        `该文件已作为来自“${state.sourceSystem}”的迁移导入，不能改称来自“${sourceSystem}”`,
        `this file was migrated from "${state.sourceSystem}"; it cannot now be named as coming from "${sourceSystem}"`,
        { fileSha256: c.fileSha256, recorded: state.sourceSystem, given: sourceSystem },
      );
    return [];
  }
  return [
    {
      type: 'MigrationStarted',
      data: {
        fileSha256: c.fileSha256,
        sourceSystem,
        fileName: c.fileName,
        fileBytes: c.fileBytes,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const startMigration = action({
  type: 'StartMigration',
  summary: { zh: '开始历史数据迁移', en: 'Start a historical migration of one file' },
  request: StartMigrationRequest,
  stream: (r) => streamIds.migration(r.fileSha256),
  decider: { ...migrationStream, decide: decideStartMigration },
  // The migration names no unit; each of its lines is authorised on its own units.
  unitsTouched: () => null,
});
