import { specFor } from '../testing/fixtures';
import { startMigration } from './start-migration.action';

const given = specFor(startMigration);
const SHA = 'ab'.repeat(32);
const start = (over: Record<string, unknown> = {}) => ({
  type: 'StartMigration',
  fileSha256: SHA,
  sourceSystem: '旧公卫系统',
  fileName: 'huancui-2024.ndjson',
  fileBytes: 1234,
  occurredAt: '2024-06-30T03:00:00.000Z',
  ...over,
});
const started = (sourceSystem = '旧公卫系统') => ({
  type: 'MigrationStarted',
  data: {
    fileSha256: SHA,
    sourceSystem,
    fileName: 'huancui-2024.ndjson',
    fileBytes: 1234,
    occurredAt: '2024-06-30T03:00:00.000Z',
  },
});
const completed = {
  type: 'MigrationCompleted',
  data: {
    fileSha256: SHA,
    lines: { read: 1, accepted: 1, duplicates: 0, refused: 0 },
    eventsAppended: 1,
    occurredAt: '2024-06-30T03:00:00.000Z',
  },
};

describe('StartMigration', () => {
  it('starts the migration of a file, naming its source system (trimmed)', () => {
    given([])
      .when(start({ sourceSystem: '  旧公卫系统 ' }))
      .then([started()]);
  });

  it('starts nothing again when the file was started before, finished or not', () => {
    given([started()]).when(start()).then([]);
    given([started(), completed]).when(start()).then([]);
  });

  it('refuses the same file named as coming from another system', () => {
    given([started()])
      .when(start({ sourceSystem: 'another' }))
      .thenThrows('MIGRATION_SOURCE_MISMATCH');
  });

  it('refuses a blank source system', () => {
    given([])
      .when(start({ sourceSystem: '   ' }))
      .thenThrows('MIGRATION_SOURCE_REQUIRED');
  });
});
