import { spawn } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  CommandIdReusedError,
  SqliteEventStore,
  type RecordedEvent,
  verifyLog,
} from '@libs/ledger';
import { CLI_MAIN } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

describe('SQLite store: guarantees beyond the shared contract', () => {
  const dir = tempDir('ledger-sqlite');
  afterAll(() => dir.remove());

  it('refuses UPDATE and DELETE on the event table', async () => {
    const path = dir.file('guarded.sqlite');
    const store = new SqliteEventStore({ path });
    await store.append(
      'resident-1',
      [{ type: 'ResidentRegistered', occurredAt: '2024-01-02', data: {} }],
      {
        expectedRevision: 'no_stream',
        actor: 'test',
      },
    );
    await store.close();
    const db = new Database(path);
    expect(() => db.prepare(`UPDATE events SET actor = 'someone else'`).run()).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only: DELETE refused/);
    expect(db.prepare('SELECT actor FROM events').get()).toEqual({ actor: 'test' });
    db.close();
  });

  it('inside a batch, a commandId found absent and then appended is not taken as absent again', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const event = [{ type: 'X', occurredAt: '2024-01-02', data: {} }];
    const options = { expectedRevision: 'any' as const, actor: 'test', commandId: 'c-1' };
    await store.batch(async () => {
      expect(await store.eventsOfCommand('c-1')).toEqual([]);
      await store.append('s-1', event, options);
      // The append skipped its own lookup (the batch had just asked); the next must not.
      await expect(store.append('s-2', event, options)).rejects.toBeInstanceOf(
        CommandIdReusedError,
      );
    });
    expect(await store.readStream('s-2')).toEqual([]);
    expect(await store.eventsOfCommand('c-1')).toHaveLength(1);
    await store.close();
  });

  it('tells whether any stream starts with a prefix, near misses included', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const event = [{ type: 'PeriodSealed', occurredAt: '2024-12-31', data: {} }];
    expect(await store.hasStreamPrefixed('seal-2024-')).toBe(false);
    await store.append('seal-2024-hc-jy', event, { expectedRevision: 'no_stream', actor: 't' });
    // Ids that sort just before and just after the prefix's range, and one that contains it.
    await store.append('seal-2023-hc', event, { expectedRevision: 'no_stream', actor: 't' });
    await store.append('seal-2025-hc', event, { expectedRevision: 'no_stream', actor: 't' });
    await store.append('x-seal-2026-hc', event, { expectedRevision: 'no_stream', actor: 't' });
    expect(await store.hasStreamPrefixed('seal-2024-')).toBe(true);
    expect(await store.hasStreamPrefixed('seal-2024-hc-jy')).toBe(true);
    expect(await store.hasStreamPrefixed('seal-2024-hc-jy-s1')).toBe(false);
    expect(await store.hasStreamPrefixed('seal-2026-')).toBe(false);
    expect(await store.hasStreamPrefixed('seal-2022-')).toBe(false);
    await store.close();
  });

  it('creates the store, WAL and SHM files readable by their owner only (0600)', async () => {
    const path = dir.file('private.sqlite');
    const store = new SqliteEventStore({ path });
    await store.append('p-1', [{ type: 'X', occurredAt: '2024-01-02', data: {} }], {
      expectedRevision: 'no_stream',
      actor: 'test',
    });
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect({ file, mode: statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
    await store.close();
  });

  it('tightens the files of an older store that were readable by others', async () => {
    const path = dir.file('older.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const store = new SqliteEventStore({ path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('refuses a commandId reused on another stream, naming nothing of the first', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('s-1', [{ type: 'X', occurredAt: '2024-01-02', data: {} }], {
      expectedRevision: 'no_stream',
      actor: 'unit-a',
      commandId: 'c-shared',
      commandFingerprint: 'a'.repeat(64),
    });
    const attempt = store.append('s-2', [{ type: 'X', occurredAt: '2024-01-02', data: {} }], {
      expectedRevision: 'no_stream',
      actor: 'unit-b',
      commandId: 'c-shared',
      commandFingerprint: 'a'.repeat(64),
    });
    await expect(attempt).rejects.toBeInstanceOf(CommandIdReusedError);
    await expect(attempt).rejects.not.toThrow(/s-1/);
    expect(await store.readStream('s-2')).toEqual([]);
    await store.close();
  });

  it('opens a store written before fingerprints existed and keeps its hashes', async () => {
    const path = dir.file('before-fingerprints.sqlite');
    const old = new Database(path);
    old.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
      schema_version INTEGER NOT NULL, recorded_at TEXT NOT NULL, occurred_at TEXT NOT NULL,
      actor TEXT NOT NULL, correlation_id TEXT, causation_id TEXT, command_id TEXT,
      data TEXT NOT NULL, hash TEXT NOT NULL, log_hash TEXT NOT NULL,
      UNIQUE (stream_id, revision))`);
    old.close();
    const store = new SqliteEventStore({ path });
    const { events } = await store.append(
      'o-1',
      [{ type: 'X', occurredAt: '2024-01-02', data: {} }],
      {
        expectedRevision: 'no_stream',
        actor: 'test',
        commandId: 'c-old',
      },
    );
    const [read] = await store.readStream('o-1');
    expect(read.commandFingerprint).toBeUndefined();
    expect(read.hash).toBe(events[0].hash);
    await store.close();
  });

  describe('group commit', () => {
    const x = (i: number) => [{ type: 'X', occurredAt: '2024-01-02', data: { i } }];

    it('commits appends that arrive together in one transaction, each on its own', async () => {
      const path = dir.file('grouped.sqlite');
      const store = new SqliteEventStore({ path });
      await store.append('g-0', x(0), { expectedRevision: 'no_stream', actor: 't' });
      // Counts commits as SQLite sees them: the WAL's commit frames grow once per transaction.
      const spy = new Database(path, { readonly: true });
      const version = () => spy.pragma('data_version', { simple: true }) as number;
      const before = version();
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) =>
          store.append(`g-${i + 1}`, x(i), { expectedRevision: 'no_stream', actor: 't' }),
        ),
        // A stale revision in the same group: refused alone.
        store.append('g-0', x(99), { expectedRevision: 'no_stream', actor: 't' }),
      ]);
      expect(outcomes.slice(0, 20).every((o) => o.status === 'fulfilled')).toBe(true);
      expect(outcomes[20].status).toBe('rejected');
      expect(version() - before).toBe(1);
      const positions = outcomes
        .slice(0, 20)
        .map((o) => (o as PromiseFulfilledResult<{ events: RecordedEvent[] }>).value.events[0]);
      expect(positions.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(await store.readStream('g-0')).toHaveLength(1);
      spy.close();
      await store.close();
    });

    it('holds a batch in one commit, visible to its own reads, rolled back whole on failure', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      await store.batch(async () => {
        await store.append('b-1', x(1), { expectedRevision: 'no_stream', actor: 't' });
        expect(await store.readStream('b-1')).toHaveLength(1);
      });
      await expect(
        store.batch(async () => {
          await store.append('b-2', x(2), { expectedRevision: 'no_stream', actor: 't' });
          throw new Error('the disk went away');
        }),
      ).rejects.toThrow('the disk went away');
      expect(await store.readStream('b-2')).toEqual([]);
      expect(await store.headPosition()).toBe(1);
      await store.close();
    });

    it('keeps an append from outside a batch waiting until the batch is committed', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      let outsideDone = false;
      // Set up outside the batch's async context, as a request arriving meanwhile would be.
      let arrive: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const outside = arrived
        .then(() => store.append('o-1', x(1), { expectedRevision: 'no_stream', actor: 't' }))
        .then(() => (outsideDone = true));
      await store.batch(async () => {
        arrive();
        await new Promise((r) => setTimeout(r, 20));
        expect(outsideDone).toBe(false);
        await store.append('b-1', x(1), { expectedRevision: 'no_stream', actor: 't' });
      });
      await outside;
      expect(outsideDone).toBe(true);
      expect((await store.readAll()).map((e) => e.streamId)).toEqual(['b-1', 'o-1']);
      await store.close();
    });
  });

  describe('remembered head and stream tips', () => {
    const x = (i: number) => [{ type: 'X', occurredAt: '2024-01-02', data: { i } }];

    it('sees what another connection appended in between, and chains on it', async () => {
      const path = dir.file('two-writers.sqlite');
      const a = new SqliteEventStore({ path });
      const b = new SqliteEventStore({ path });
      await a.append('s-1', x(1), { expectedRevision: 'no_stream', actor: 'a' });
      expect(await a.streamTip('s-1')).toMatchObject({ revision: 0 });
      // b writes to the stream a remembers, and moves the log's head.
      await b.append('s-1', x(2), { expectedRevision: 0, actor: 'b' });
      await b.append('s-2', x(3), { expectedRevision: 'no_stream', actor: 'b' });
      expect(await a.streamTip('s-1')).toMatchObject({ revision: 1 });
      await expect(
        a.append('s-1', x(4), { expectedRevision: 0, actor: 'a' }),
      ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      const appended = await a.batch(() =>
        a.append('s-1', x(5), { expectedRevision: 1, actor: 'a' }),
      );
      expect(appended.events[0]).toMatchObject({ revision: 2, position: 4 });
      expect(await verifyLog(a)).toMatchObject({ intact: true, eventsChecked: 4 });
      await b.close();
      await a.close();
    });

    it('forgets what a rolled-back batch wrote', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      await store.append('r-1', x(1), { expectedRevision: 'no_stream', actor: 't' });
      await expect(
        store.batch(async () => {
          await store.append('r-1', x(2), { expectedRevision: 0, actor: 't' });
          await store.append('r-2', x(3), { expectedRevision: 'no_stream', actor: 't' });
          expect(await store.streamTip('r-1')).toMatchObject({ revision: 1 });
          throw new Error('stopped');
        }),
      ).rejects.toThrow('stopped');
      expect(await store.streamTip('r-1')).toMatchObject({ revision: 0 });
      expect(await store.streamTip('r-2')).toBeUndefined();
      const next = await store.append('r-2', x(4), { expectedRevision: 'no_stream', actor: 't' });
      expect(next.events[0]).toMatchObject({ revision: 0, position: 2 });
      expect(await verifyLog(store)).toMatchObject({ intact: true, eventsChecked: 2 });
      await store.close();
    });

    it('forgets what a refused append in a group had begun', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      await store.append('d-1', x(1), {
        expectedRevision: 'no_stream',
        actor: 't',
        commandId: 'c-1',
      });
      // Two events, the second with an event id already in the log: the first is undone too.
      const clash = (await store.readStream('d-1'))[0].eventId;
      await expect(
        store.append('d-2', [x(2)[0], { ...x(3)[0], eventId: clash }], {
          expectedRevision: 'no_stream',
          actor: 't',
        }),
      ).rejects.toThrow();
      expect(await store.streamTip('d-2')).toBeUndefined();
      const next = await store.append('d-3', x(4), { expectedRevision: 'no_stream', actor: 't' });
      expect(next.events[0].position).toBe(2);
      expect(await verifyLog(store)).toMatchObject({ intact: true, eventsChecked: 2 });
      await store.close();
    });
  });

  it('keeps recordedAt monotonic even when the clock goes back', async () => {
    let now = Date.parse('2024-05-01T10:00:00Z');
    const store = new SqliteEventStore({ path: ':memory:', clock: () => new Date(now) });
    await store.append('a', [{ type: 'X', occurredAt: '2024-05-01', data: {} }], {
      expectedRevision: 'any',
      actor: 't',
    });
    now -= 60_000;
    const later = await store.append('b', [{ type: 'X', occurredAt: '2024-05-01', data: {} }], {
      expectedRevision: 'any',
      actor: 't',
    });
    expect(later.events[0].recordedAt).toBe('2024-05-01T10:00:00.000Z');
    await store.close();
  });

  it('delivers events appended by another process using the same file', async () => {
    const path = dir.file('shared.sqlite');
    const store = new SqliteEventStore({ path });
    const seen: RecordedEvent[] = [];
    let live = false;
    const subscription = store.subscribe((e) => void seen.push(e), { onLive: () => (live = true) });
    while (!live) await new Promise((r) => setTimeout(r, 5));
    // The CLI's benchmark writer is a separate OS process appending through its own connection.
    const child = spawn(process.execPath, [
      CLI_MAIN,
      'bench-append',
      '--path',
      path,
      '--count',
      '20',
    ]);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(exitCode).toBe(0);
    const deadline = Date.now() + 10_000;
    while (seen.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await subscription.stop();
    expect(seen.map((e) => e.streamId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `remote-${i}`),
    );
    await store.close();
  });
});
