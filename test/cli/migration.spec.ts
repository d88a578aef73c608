import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { SqliteEventStore, type RecordedEvent } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * `ledger import --migration`: another system's year brought in with its own recording times.
 * The synthetic small district (1 % of Huancui) is emitted with the simulated clinic times as
 * `sourceRecordedAt`, imported as a migration, and judged by the detectors; the same lines
 * without their source times (a plain import) are the near miss that shows the test can fail.
 */

const SMALL_2024 = ['--scale', 'small', '--year', '2024', '--seed', '5'];
const SOURCE = '旧公卫系统 v3';
/** Detectors that read when a record was entered. */
const RECORDING_TIME_DETECTORS = ['backdating', 'follow-up-burst'];

interface Summary {
  read: number;
  appended: number;
  duplicates: number;
  rejected: number;
  migration?: { fileSha256: string; start: string; completion?: string; correlationId: string };
}
interface Detection {
  drafts: number;
  byDetector: Record<string, Record<string, number>>;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function eventsOf(path: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

describe('ledger import --migration', () => {
  const dir = tempDir('ledger-migration');
  const clean = dir.file('clean.ndjson');
  const planted = dir.file('planted.ndjson');
  const cleanStore = dir.file('clean.sqlite');
  /** The same year applied live by the seed, with the clinics' clock as the ledger's: the reference. */
  const seeded = `sqlite:${dir.file('seeded.sqlite')}`;
  const importClean = () =>
    runCli([
      'import',
      clean,
      '--migration',
      '--source',
      SOURCE,
      '--fast',
      '--json',
      '--store',
      `sqlite:${cleanStore}`,
    ]);
  afterAll(() => dir.remove());

  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    const emitted = await Promise.all([
      runCli(['seed', ...SMALL_2024, '--store', seeded]),
      runCli(['seed', ...SMALL_2024, '--emit', clean, '--emit-source-times']),
      runCli([
        'seed',
        ...SMALL_2024,
        '--inject',
        'backdating:0.3',
        '--emit',
        planted,
        '--emit-source-times',
      ]),
    ]);
    for (const e of emitted) expect(e.code).toBe(0);
    first = await importClean();
  }, 60_000);

  it('brackets the lines with MigrationStarted and MigrationCompleted, with the hash and counts', async () => {
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    const lines = linesOf(clean);
    expect(summary).toMatchObject({ read: lines.length, appended: lines.length, rejected: 0 });
    const sha = sha256(clean);
    expect(summary.migration).toMatchObject({ fileSha256: sha, start: 'new', completion: 'now' });

    const events = await eventsOf(cleanStore);
    expect(events).toHaveLength(lines.length + 2);
    const [started, ...rest] = events;
    const completed = rest.pop()!;
    expect(started).toMatchObject({
      type: 'MigrationStarted',
      streamId: `migration-${sha}`,
      actor: 'operator',
      data: { fileSha256: sha, sourceSystem: SOURCE, fileName: 'clean.ndjson' },
    });
    expect(completed).toMatchObject({
      type: 'MigrationCompleted',
      streamId: `migration-${sha}`,
      data: {
        fileSha256: sha,
        lines: { read: lines.length, accepted: lines.length, duplicates: 0, refused: 0 },
        eventsAppended: lines.length,
      },
    });
    // Every migrated event keeps the source system's time beside the ledger's own.
    const claimed = new Map(lines.map((l) => [l.commandId, l.sourceRecordedAt]));
    for (const e of rest) {
      expect(e.sourceRecordedAt).toBe(claimed.get(e.commandId!));
      expect(e.correlationId).toBe(`migration-${sha}`);
      expect(e.recordedAt >= started.recordedAt).toBe(true);
      expect('sourceRecordedAt' in e.data).toBe(false);
    }
    expect(await runCli(['verify', '--store', `sqlite:${cleanStore}`])).toMatchObject({ code: 0 });
  });

  it('appends nothing when the same migration is run again, migration events included', async () => {
    const before = (await eventsOf(cleanStore)).length;
    const again = await importClean();
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as Summary;
    expect(summary).toMatchObject({ appended: 0, duplicates: summary.read, rejected: 0 });
    expect(summary.migration).toMatchObject({ start: 'repeated', completion: 'already' });
    expect((await eventsOf(cleanStore)).length).toBe(before);

    const renamed = await runCli([
      'import',
      clean,
      '--migration',
      '--source',
      'another system',
      '--store',
      `sqlite:${cleanStore}`,
    ]);
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toContain('MIGRATION_SOURCE_MISMATCH');
    expect((await eventsOf(cleanStore)).length).toBe(before);
  });

  it('a clean year migrated raises no alert of its own; the same lines imported plainly raise many', async () => {
    const detect = async (store: string) => {
      const detected = await runCli(['detect', '--period', '2024', '--json', '--store', store]);
      expect(detected.code).toBe(0);
      return JSON.parse(detected.stdout) as Detection;
    };
    const run = await detect(`sqlite:${cleanStore}`);
    for (const detector of RECORDING_TIME_DETECTORS)
      expect([detector, run.byDetector[detector]]).toEqual([detector, undefined]);
    // Whatever the generated year raises when applied live (a digit pattern, say), and no more.
    expect(run.byDetector).toEqual((await detect(seeded)).byDetector);

    // Near miss: the ledger's recordedAt is all a plain import has, and it is today.
    const plain = dir.file('plain.ndjson');
    writeFileSync(
      plain,
      linesOf(clean)
        .map(({ sourceRecordedAt: _dropped, ...command }) => `${JSON.stringify(command)}\n`)
        .join(''),
    );
    const plainStore = `sqlite:${dir.file('plain.sqlite')}`;
    expect((await runCli(['import', plain, '--fast', '--store', plainStore])).code).toBe(0);
    const flagged = await detect(plainStore);
    for (const detector of RECORDING_TIME_DETECTORS)
      expect([detector, Object.keys(flagged.byDetector).includes(detector)]).toEqual([
        detector,
        true,
      ]);
  }, 60_000);

  it('finds back-dating planted inside the source times, and no entry burst', async () => {
    const store = `sqlite:${dir.file('planted.sqlite')}`;
    const imported = await runCli([
      'import',
      planted,
      '--migration',
      '--source',
      SOURCE,
      '--fast',
      '--store',
      store,
    ]);
    expect(imported.code).toBe(0);
    const scored = await runCli([
      'detect-score',
      '--period',
      '2024',
      '--truth',
      `${planted}.truth.jsonl`,
      '--json',
      '--store',
      store,
    ]);
    const report = JSON.parse(scored.stdout) as {
      pass: boolean;
      scores: {
        detector: string;
        planted: number;
        alerts: number;
        precision: number;
        recall: number;
      }[];
    };
    const backdating = report.scores.find((s) => s.detector === 'backdating')!;
    expect(backdating.planted).toBeGreaterThanOrEqual(3);
    expect(backdating.precision).toBeGreaterThanOrEqual(0.9);
    expect(backdating.recall).toBeGreaterThanOrEqual(0.9);
    const burst = report.scores.find((s) => s.detector === 'follow-up-burst')!;
    expect(burst.alerts).toBe(0);
    expect(report.pass).toBe(true);
  }, 60_000);

  it('checks sourceRecordedAt line by line, and accepts it only in a migration', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const unit = (id: string, over: Record<string, unknown> = {}) => ({
      type: 'RegisterOrgUnit',
      commandId: `unit-${id}`,
      unitId: id,
      name: id,
      kind: 'district',
      occurredAt: '2020-01-01',
      ...over,
    });
    const file = dir.file('checked.ndjson');
    writeFileSync(
      file,
      [
        unit('ok', { sourceRecordedAt: '2021-05-01T09:00:00+08:00' }),
        unit('future', { sourceRecordedAt: tomorrow }),
        unit('early', { sourceRecordedAt: '2019-12-31T10:00:00+08:00' }),
        unit('nozone', { sourceRecordedAt: '2021-05-01T09:00:00' }),
        unit('none'),
        { type: 'StartMigration', commandId: 'sneaky', occurredAt: '2024-01-01' },
      ]
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(''),
    );
    const rejectCodes = () =>
      readFileSync(`${file}.rejects.ndjson`, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { line: number; reason: { code: string; zh: string } })
        .map((r) => [r.line, r.reason.code]);

    const migrated = dir.file('checked.sqlite');
    const run = await runCli([
      'import',
      file,
      '--migration',
      '--source',
      SOURCE,
      '--json',
      '--store',
      `sqlite:${migrated}`,
    ]);
    expect(run.code).toBe(1);
    expect(rejectCodes()).toEqual([
      [2, 'SOURCE_TIME_IN_FUTURE'],
      [3, 'SOURCE_TIME_BEFORE_OCCURRED'],
      [4, 'SOURCE_TIME_INVALID'],
      [6, 'VALIDATION_FAILED'],
    ]);
    const events = await eventsOf(migrated);
    expect(events.find((e) => e.commandId === 'unit-ok')?.sourceRecordedAt).toBe(
      '2021-05-01T01:00:00.000Z',
    );
    expect(events.find((e) => e.commandId === 'unit-none')?.sourceRecordedAt).toBeUndefined();
    expect(events.find((e) => e.type === 'MigrationCompleted')?.data).toMatchObject({
      lines: { read: 6, accepted: 2, duplicates: 0, refused: 4 },
    });

    const plain = await runCli([
      'import',
      file,
      '--store',
      `sqlite:${dir.file('no-migration.sqlite')}`,
    ]);
    expect(plain.code).toBe(1);
    expect(rejectCodes()).toEqual([
      [1, 'SOURCE_TIME_WITHOUT_MIGRATION'],
      [2, 'SOURCE_TIME_WITHOUT_MIGRATION'],
      [3, 'SOURCE_TIME_WITHOUT_MIGRATION'],
      [4, 'SOURCE_TIME_WITHOUT_MIGRATION'],
      [6, 'VALIDATION_FAILED'],
    ]);

    const store = `sqlite:${dir.file('unused.sqlite')}`;
    const noSource = await runCli(['import', file, '--migration', '--store', store]);
    expect([noSource.code, noSource.stderr]).toEqual([2, expect.stringContaining('--source')]);
    const noMigration = await runCli(['import', file, '--source', 'x', '--store', store]);
    expect([noMigration.code, noMigration.stderr]).toEqual([
      2,
      expect.stringContaining('--migration'),
    ]);
  }, 60_000);

  it("shows the source time beside recordedAt in a resident's trail", async () => {
    const line = linesOf(clean).find((l) => l.type === 'RecordFollowUp')!;
    const trail = await runCli([
      'trail',
      '--resident',
      line.residentId as string,
      '--store',
      `sqlite:${cleanStore}`,
      '--lang',
      'en',
    ]);
    expect(trail.code).toBe(0);
    expect(trail.stdout).toMatch(/recorded at\s+source recorded at\s+occurred/);
    expect(trail.stdout).toContain(line.sourceRecordedAt as string);
  });

  it('replays as of a day by ledger time, or by source time as the old system had it', async () => {
    const replay = async (store: string, ...extra: string[]) => {
      const r = await runCli([
        'replay',
        '--period',
        '2024',
        '--as-of',
        '2024-06-30',
        '--json',
        ...extra,
        '--store',
        store,
        '--lang',
        'en',
      ]);
      return { ...r, table: r.code === 0 ? (JSON.parse(r.stdout) as { rows: unknown[] }) : null };
    };
    const live = await replay(seeded);
    const bySource = await replay(`sqlite:${cleanStore}`, '--by', 'source-time');
    expect(bySource.code).toBe(0);
    expect(bySource.table!.rows).toEqual(live.table!.rows);
    expect(bySource.stdout).toContain('"asOfBasis": "source"');
    // By ledger time nothing of the migration was known on that day.
    const byLedger = await replay(`sqlite:${cleanStore}`);
    expect([byLedger.code, byLedger.stderr]).toEqual([2, expect.stringContaining('no units')]);
    const noPoint = await runCli([
      'replay',
      '--period',
      '2024',
      '--by',
      'source-time',
      '--store',
      seeded,
      '--lang',
      'en',
    ]);
    expect(noPoint.code).not.toBe(0);
    expect(noPoint.stderr).toContain('--by needs --as-of');
  }, 60_000);
});
