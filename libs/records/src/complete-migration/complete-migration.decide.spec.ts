import { specFor } from '../testing/fixtures';
import { completeMigration } from './complete-migration.action';

const given = specFor(completeMigration);
const SHA = 'cd'.repeat(32);
const started = {
  type: 'MigrationStarted',
  data: {
    fileSha256: SHA,
    sourceSystem: 'old',
    fileName: 'f.ndjson',
    fileBytes: 10,
    occurredAt: '2024-06-30T03:00:00.000Z',
  },
};
const complete = (over: Record<string, unknown> = {}) => ({
  type: 'CompleteMigration',
  fileSha256: SHA,
  linesRead: 10,
  linesAccepted: 7,
  linesDuplicate: 2,
  linesRefused: 1,
  eventsAppended: 7,
  occurredAt: '2024-06-30T03:10:00.000Z',
  ...over,
});
const completed = {
  type: 'MigrationCompleted',
  data: {
    fileSha256: SHA,
    lines: { read: 10, accepted: 7, duplicates: 2, refused: 1 },
    eventsAppended: 7,
    occurredAt: '2024-06-30T03:10:00.000Z',
  },
};

describe('CompleteMigration', () => {
  it('records the line counts of the run that reached the end of the file', () => {
    given([started]).when(complete()).then([completed]);
  });

  it('completes once: a later run of the same file records nothing', () => {
    given([started, completed])
      .when(complete({ linesAccepted: 0, linesDuplicate: 9 }))
      .then([]);
  });

  it('refuses a migration that was never started', () => {
    given([]).when(complete()).thenThrows('MIGRATION_NOT_STARTED');
  });

  it('refuses counts that do not add up (read = accepted + duplicates + refused)', () => {
    given([started])
      .when(complete({ linesRead: 11 }))
      .thenThrows('MIGRATION_COUNTS_INCONSISTENT');
  });
});
