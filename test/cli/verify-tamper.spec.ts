import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteEventStore, eventHash } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * Someone with the database file edits it directly (triggers dropped first). `verify` must
 * catch each kind of edit and name the first stream, revision and position that do not match.
 */
describe('ledger verify against direct edits of the SQLite file', () => {
  const dir = tempDir('ledger-verify');
  const pristine = dir.file('pristine.sqlite');

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: pristine });
    for (let r = 0; r < 4; r += 1) {
      for (let k = 0; k < 3; k += 1) {
        const events = [
          {
            type: 'FollowUpRecorded',
            occurredAt: `2024-0${k + 1}-10`,
            data: { systolic: 130 + k },
          },
        ];
        await store.append(`resident-${r}`, events, {
          expectedRevision: k === 0 ? 'no_stream' : k - 1,
          actor: 'test',
        });
      }
    }
    await store.close();
  });
  afterAll(() => dir.remove());

  /** A copy of the intact log with its guards dropped, edited by `edit`. */
  function tampered(name: string, edit: (db: Database.Database) => void): string {
    const path = dir.file(`${name}.sqlite`);
    copyFileSync(pristine, path);
    const db = new Database(path);
    db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
    edit(db);
    db.close();
    return path;
  }

  const row = (db: Database.Database, position: number) =>
    db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Record<string, unknown>;

  it('passes an intact log', async () => {
    const result = await runCli(['verify'], { LEDGER_STORE: `sqlite:${pristine}` });
    expect(result.stdout).toMatch(/verify: intact — 12 events in 4 streams, head position 12/);
    expect(result.code).toBe(0);
  });

  it('catches a changed field', async () => {
    const path = tampered('changed', (db) => {
      db.prepare(`UPDATE events SET data = '{"systolic":118}' WHERE position = 5`).run();
    });
    const result = await runCli(['verify', '--store', `sqlite:${path}`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /stream resident-1 at revision 1, position 5: hash does not match/,
    );
  });

  it('catches a deleted event', async () => {
    const path = tampered('deleted', (db) =>
      db.prepare('DELETE FROM events WHERE position = 7').run(),
    );
    const result = await runCli(['verify', '--json'], { LEDGER_STORE: `sqlite:${path}` });
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.intact).toBe(false);
    expect(report.problem).toMatchObject({ streamId: 'resident-2', revision: 1, position: 8 });
    expect(report.problem.reason).toMatch(/global position 7 is missing/);
  });

  it('catches a forged event even when its stream hash was computed correctly', async () => {
    const path = tampered('forged', (db) => {
      const last = row(db, 12);
      const forged: Record<string, unknown> = {
        ...last,
        position: 13,
        event_id: '00000000-0000-4000-8000-000000000000',
        revision: (last.revision as number) + 1,
        data: '{"systolic":120}',
      };
      // The forger knows the public hashing rule and chains the stream; only the log chain is guessed.
      forged.hash = eventHash(last.hash as string, {
        eventId: forged.event_id as string,
        type: forged.type as string,
        schemaVersion: forged.schema_version as number,
        streamId: forged.stream_id as string,
        revision: forged.revision as number,
        recordedAt: forged.recorded_at as string,
        occurredAt: forged.occurred_at as string,
        actor: forged.actor as string,
        correlationId: null,
        causationId: null,
        commandId: null,
        data: { systolic: 120 },
      });
      const columns = Object.keys(forged);
      db.prepare(
        `INSERT INTO events (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`,
      ).run(forged);
    });
    const result = await runCli(['verify', '--store', `sqlite:${path}`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /stream resident-3 at revision 3, position 13: the global chain breaks/,
    );
  });

  it('catches two events swapped in the log', async () => {
    const path = tampered('swapped', (db) => {
      const a = row(db, 3);
      const b = row(db, 9);
      const put =
        db.prepare(`UPDATE events SET event_id=@event_id, stream_id=@stream_id, revision=@revision,
        type=@type, schema_version=@schema_version, recorded_at=@recorded_at, occurred_at=@occurred_at,
        actor=@actor, correlation_id=@correlation_id, causation_id=@causation_id, command_id=@command_id,
        data=@data, hash=@hash, log_hash=@log_hash WHERE position=@target`);
      db.transaction(() => {
        put.run({ ...a, event_id: 'tmp', revision: -1, target: 9 });
        put.run({ ...b, target: 3 });
        put.run({ ...a, target: 9 });
      })();
    });
    const result = await runCli(['verify', '--store', `sqlite:${path}`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /first mismatch in stream resident-2 at revision 2, position 3: expected revision 0/,
    );
  });

  it('explains a store it cannot open, without a stack trace', async () => {
    const result = await runCli(['verify', '--store', 'mongodb://nowhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ledger: LEDGER_STORE "mongodb:\/\/nowhere" is not understood/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
