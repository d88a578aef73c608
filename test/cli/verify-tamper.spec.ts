import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteEventStore, eventHash } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import {
  type Row,
  envelopeOf,
  recomputeEverything,
  rewriteData,
  row,
  swapRows,
  tamperedCopy,
} from '../audit/tamper-kit';

async function appendFollowUps(path: string, residents: number[], from: number, count: number) {
  const store = new SqliteEventStore({ path });
  for (const r of residents) {
    for (let k = from; k < from + count; k += 1) {
      await store.append(
        `resident-${r}`,
        [
          {
            type: 'FollowUpRecorded',
            occurredAt: `2024-0${k + 1}-10`,
            data: { systolic: 130 + k },
          },
        ],
        { expectedRevision: k === 0 ? 'no_stream' : k - 1, actor: 'test' },
      );
    }
  }
  await store.close();
}

/**
 * Someone with the database file edits it directly (triggers dropped first). `verify` must
 * catch each kind of edit and name the first stream, revision and position that do not match;
 * what it cannot see — a tail cut off, or a rewrite with every hash recomputed — `verify
 * --witness` must catch from checkpoints kept elsewhere, signed by a key the auditor pinned.
 */
describe('ledger verify against direct edits of the SQLite file', () => {
  const dir = tempDir('ledger-verify');
  const pristine = dir.file('pristine.sqlite');
  const witness = dir.file('witness');
  const trust = dir.file('trust.txt');

  beforeAll(async () => {
    await appendFollowUps(pristine, [0, 1, 2, 3], 0, 3);
    const taken = await runCli(['checkpoint', '--out', witness, '--store', `sqlite:${pristine}`]);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    // The auditor notes the key's fingerprint once, in a trust file kept away from the store.
    writeFileSync(
      trust,
      `${/密钥 (sha256:[0-9a-f]{64})/.exec(taken.stdout)![1]}  pristine ledger\n`,
    );
  });
  afterAll(() => dir.remove());

  const tampered = (name: string, edit: (db: Database.Database) => void) =>
    tamperedCopy(pristine, dir.file(`${name}.sqlite`), edit);
  // Read in English here; the Chinese default is checked in 'passes an intact log'.
  const verify = (path: string, extra: string[] = []) =>
    runCli(['verify', '--store', `sqlite:${path}`, '--lang', 'en', ...extra]);
  const withWitness = (path: string, folder = witness) =>
    verify(path, ['--witness', folder, '--trust', trust]);

  it('passes an intact log', async () => {
    const result = await runCli(['verify', '--lang', 'en'], { LEDGER_STORE: `sqlite:${pristine}` });
    expect(result.stdout).toMatch(/verify: intact — 12 events in 4 streams, head position 12/);
    const zh = await runCli(['verify'], { LEDGER_STORE: `sqlite:${pristine}` });
    expect(zh.stdout).toMatch(/verify: 完好 — 4 个流中的 12 条事件，头部位置 12/);
    expect(result.code).toBe(0);
  });

  it('writes a signed checkpoint of position, Merkle root and time into the witness folder', () => {
    const files = readdirSync(witness);
    expect(files).toEqual([expect.stringMatching(/^checkpoint-000000000012-\d{8}T\d{6}Z\.json$/)]);
    const checkpoint = JSON.parse(readFileSync(join(witness, files[0]), 'utf8'));
    expect(checkpoint).toMatchObject({ kind: 'ledger-checkpoint', position: 12, treeSize: 12 });
    expect(checkpoint.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkpoint.signature).toEqual(expect.any(String));
  });

  it('with --witness and a pinned key: proves the log extends every checkpoint, also after it grew (exit 0)', async () => {
    const grown = dir.file('grown.sqlite');
    // The same store, later: its key goes with it.
    cpSync(pristine, grown);
    cpSync(`${pristine}.signing-key.pem`, `${grown}.signing-key.pem`);
    const folder = dir.file('witness-grown');
    cpSync(witness, folder, { recursive: true });
    await appendFollowUps(grown, [0], 3, 2);
    expect((await runCli(['checkpoint', '--out', folder, '--store', `sqlite:${grown}`])).code).toBe(
      0,
    );
    await appendFollowUps(grown, [0], 5, 1);
    const result = await withWitness(grown, folder);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/witness: 2 checkpoint\(s\) against today's log of 15 events/);
    expect(result.stdout).toMatch(
      /12 events to position 12 .* — extended \(consistency proof 12 → 15, \d+ hashes\); key pinned/,
    );
    expect(result.stdout).toMatch(/14 events to position 14 .* — extended/);
  });

  it('with --witness but no pinned key: unanchored (exit 5), printing the fingerprint to compare', async () => {
    const result = await verify(pristine, ['--witness', witness]);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain(readFileSync(trust, 'utf8').split(/\s/)[0]);
    expect(result.stdout).toMatch(/witness: UNANCHORED/);
    const usage = await verify(pristine, ['--trust', trust]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give --witness DIR too/);
  });

  it('catches a changed field', async () => {
    const path = tampered('changed', (db) => {
      db.prepare(`UPDATE events SET data = '{"systolic":118}' WHERE position = 5`).run();
    });
    const result = await verify(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /stream resident-1 at revision 1, position 5: hash does not match/,
    );
    expect((await withWitness(path)).code).toBe(3);
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
      const data = { systolic: 120 };
      const forged: Row = {
        ...last,
        position: 13,
        event_id: '00000000-0000-4000-8000-000000000000',
        revision: (last.revision as number) + 1,
        data: JSON.stringify(data),
      };
      // The forger knows the public hashing rule and chains the stream; only the log chain is guessed.
      forged.hash = eventHash(last.hash as string, envelopeOf(forged, data));
      const columns = Object.keys(forged);
      db.prepare(
        `INSERT INTO events (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`,
      ).run(forged);
    });
    const result = await verify(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /stream resident-3 at revision 3, position 13: the global chain breaks/,
    );
  });

  it('catches two events swapped in the log', async () => {
    const path = tampered('swapped', (db) => swapRows(db, 3, 9));
    const result = await verify(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /first mismatch in stream resident-2 at revision 2, position 3: expected revision 0/,
    );
  });

  it('catches the tail cut off only with --witness: verify alone sees a shorter valid log (exit 3)', async () => {
    const path = tampered('truncated', (db) =>
      db.prepare('DELETE FROM events WHERE position > 10').run(),
    );
    expect((await verify(path)).code).toBe(0);
    const result = await withWitness(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/NOT EXTENDED/);
    expect(result.stdout).toMatch(
      /today's log holds 10 events, fewer than the 12 this checkpoint covers: events were removed/,
    );
  });

  describe('a forger who recomputes every hash and chain after the change', () => {
    const REWRITTEN = /do not reproduce the checkpoint's root/;
    const cases: [string, (db: Database.Database) => void, RegExp][] = [
      ['an edit', (db) => rewriteData(db, 5, () => ({ systolic: 118 })), REWRITTEN],
      [
        'a deletion',
        (db) => {
          db.prepare('DELETE FROM events WHERE position = 7').run();
          recomputeEverything(db);
        },
        /today's log holds 11 events, fewer than the 12 this checkpoint covers/,
      ],
      [
        'an insertion',
        (db) => {
          const host = row(db, 4);
          db.prepare('UPDATE events SET position = position + 100 WHERE position > 4').run();
          db.prepare(
            `INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, recorded_at,
             occurred_at, actor, data, hash, log_hash) VALUES (5, 'forged', 'resident-9', 0, 'FollowUpRecorded',
             1, @recorded_at, '2024-01-10', 'test', '{"systolic":121}', '', '')`,
          ).run({ recorded_at: host.recorded_at });
          recomputeEverything(db);
        },
        REWRITTEN,
      ],
      [
        'a swap',
        (db) => {
          swapRows(db, 2, 6);
          // Keep recordedAt ordered, as a careful forger would.
          const times = (
            db.prepare('SELECT recorded_at FROM events ORDER BY recorded_at').all() as Row[]
          ).map((r) => r.recorded_at);
          const positions = (
            db.prepare('SELECT position FROM events ORDER BY position').all() as Row[]
          ).map((r) => r.position);
          positions.forEach((p, i) =>
            db.prepare('UPDATE events SET recorded_at = ? WHERE position = ?').run(times[i], p),
          );
          recomputeEverything(db);
        },
        REWRITTEN,
      ],
    ];
    it.each(cases)(
      'passes verify after %s, and is caught by verify --witness (exit 3)',
      async (name, edit, why) => {
        const path = tampered(`recomputed-${name.replace(/\W+/g, '-')}`, edit);
        const plain = await verify(path);
        expect(plain.stdout).toMatch(/verify: intact/);
        expect(plain.code).toBe(0);
        const result = await withWitness(path);
        expect(result.code).toBe(3);
        expect(result.stdout).toMatch(why);
      },
    );
  });

  it('refuses a checkpoint signed by a swapped key (exit 4), and one whose root was edited (exit 4)', async () => {
    // The forger rewrites the log, puts a key of their own beside it and writes a fresh checkpoint.
    const path = tampered('reanchored', (db) => rewriteData(db, 5, () => ({ systolic: 118 })));
    writeFileSync(
      `${path}.signing-key.pem`,
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600 },
    );
    const forgedFolder = dir.file('witness-forged');
    expect(
      (await runCli(['checkpoint', '--out', forgedFolder, '--store', `sqlite:${path}`])).code,
    ).toBe(0);
    const forged = await withWitness(path, forgedFolder);
    expect(forged.code).toBe(4);
    expect(forged.stdout).toMatch(/extended .*; key NOT TRUSTED sha256:[0-9a-f]{64}/);

    const editedFolder = dir.file('witness-edited');
    cpSync(witness, editedFolder, { recursive: true });
    const [file] = readdirSync(editedFolder);
    const checkpoint = JSON.parse(readFileSync(join(editedFolder, file), 'utf8'));
    writeFileSync(
      join(editedFolder, file),
      JSON.stringify({ ...checkpoint, rootHash: 'ab'.repeat(32) }),
    );
    const edited = await withWitness(pristine, editedFolder);
    expect(edited.code).toBe(4);
    expect(edited.stdout).toMatch(/signature FAILED/);
  });

  it('documents its exit codes, and exits 2 on an empty witness folder', async () => {
    const help = await runCli(['verify', '--help', '--lang', 'en']);
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*0\s+intact[\s\S]*2\s+usage[\s\S]*3\s+tampering[\s\S]*4\s+a checkpoint[\s\S]*5\s+--witness without/,
    );
    const empty = dir.file('empty-witness');
    cpSync(witness, empty, { recursive: true, filter: (src) => !src.endsWith('.json') });
    const result = await withWitness(pristine, empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds no checkpoint/);
  });

  it('explains a store it cannot open, without a stack trace', async () => {
    const result = await runCli(['verify', '--store', 'mongodb://nowhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ledger: LEDGER_STORE "mongodb:\/\/nowhere" is not understood/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
