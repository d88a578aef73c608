/* eslint-disable @typescript-eslint/no-explicit-any -- reports are inspected field by field */
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { canonicalJson, eventHash } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import { addLateRecord, buildDistrict2023 } from './district-2023';

type Row = Record<string, unknown>;

/**
 * A period is sealed through the CLI, then the store file (triggers dropped, as an attacker with
 * the file would) or the seal file is changed in one way each; check-seal must tell late records
 * (exit 1) from tampering (exit 3, naming the event) and from a bad seal (exit 4).
 */
describe('ledger seal and check-seal', () => {
  const dir = tempDir('ledger-seal');
  const original = dir.file('ledger.sqlite');
  const sealed = dir.file('sealed.sqlite');
  const sealFile = dir.file('seal.json');
  let seal: any;

  beforeAll(async () => {
    await buildDistrict2023(original);
    const result = await runCli([
      'seal',
      '--period',
      '2023',
      '--out',
      sealFile,
      '--store',
      `sqlite:${original}`,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    seal = JSON.parse(readFileSync(sealFile, 'utf8'));
    copyFileSync(original, sealed);
  });
  afterAll(() => dir.remove());

  const check = (store: string, file = sealFile, extra: string[] = []) =>
    runCli(['check-seal', file, '--store', `sqlite:${store}`, ...extra]);
  const checkJson = async (store: string, file = sealFile) => {
    const result = await check(store, file, ['--json']);
    return { code: result.code, report: JSON.parse(result.stdout) };
  };

  /** A copy of the sealed log with its guards dropped, edited by `edit`. */
  function tampered(name: string, edit: (db: Database.Database) => void): string {
    const path = dir.file(`${name}.sqlite`);
    copyFileSync(sealed, path);
    const db = new Database(path);
    db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
    db.transaction(() => edit(db))();
    db.close();
    return path;
  }
  const row = (db: Database.Database, position: number) =>
    db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;
  const envelopeOf = (r: Row, data: unknown) => ({
    eventId: r.event_id as string,
    type: r.type as string,
    schemaVersion: r.schema_version as number,
    streamId: r.stream_id as string,
    revision: r.revision as number,
    recordedAt: r.recorded_at as string,
    occurredAt: r.occurred_at as string,
    actor: r.actor as string,
    correlationId: r.correlation_id as string | null,
    causationId: r.causation_id as string | null,
    commandId: r.command_id as string | null,
    data: data as Record<string, unknown>,
  });

  it('seals the period: figures, position, Merkle root, an Ed25519 signature, and a PeriodSealed event after it', () => {
    expect(seal).toMatchObject({
      version: 1,
      period: 2023,
      unitId: 'hc',
      sealedBy: 'operator',
      treeSize: seal.position,
    });
    expect(seal.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(seal.publicKey, 'base64')).toHaveLength(32);
    const total = seal.figures.find((r: any) => r.total);
    expect(total.cells.elderly_health_management).toMatchObject({ numerator: 4, denominator: 6 });
    const db = new Database(sealed, { readonly: true });
    const event = db.prepare("SELECT * FROM events WHERE type = 'PeriodSealed'").get() as Row;
    db.close();
    expect(event).toMatchObject({
      stream_id: 'seal-2023-hc',
      position: seal.position + 1,
      actor: 'operator',
    });
    expect(JSON.parse(event.data as string).rootHash).toBe(seal.rootHash);
  });

  it('passes an intact log (exit 0), with the ledger key or with --public-key', async () => {
    const result = await check(sealed);
    expect(result.stdout).toMatch(/^check-seal: INTACT/);
    expect(result.code).toBe(0);
    const { report } = await checkJson(sealed);
    expect(report).toMatchObject({
      signatureValid: true,
      trustedKey: true,
      figuresMatch: true,
      logExtendsSeal: true,
      logIntact: true,
      lateRecords: [],
      tamperedEvents: [],
    });
    const pem = dir.file('public.pem');
    writeFileSync(
      pem,
      createPublicKey(readFileSync(dir.file('ledger-signing-key.pem'))).export({
        type: 'spki',
        format: 'pem',
      }),
    );
    expect((await check(sealed, sealFile, ['--public-key', pem])).code).toBe(0);
  });

  it('reports records added later for the sealed year apart, with who and when (exit 1)', async () => {
    const path = dir.file('late.sqlite');
    copyFileSync(sealed, path);
    await addLateRecord(path);
    const result = await check(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^check-seal: LATE RECORDS/);
    expect(result.stdout).toMatch(
      /CheckupRecorded in resident-zd2 at position \d+, occurred 2023-12-20, recorded \S+ by late-recorder/,
    );
    const { report } = await checkJson(path);
    expect(report).toMatchObject({
      figuresMatch: true,
      logExtendsSeal: true,
      logIntact: true,
      tamperedEvents: [],
    });
    expect(report.lateRecords).toEqual([
      expect.objectContaining({
        type: 'CheckupRecorded',
        streamId: 'resident-zd2',
        actor: 'late-recorder',
        occurredAt: '2023-12-20',
      }),
    ]);
  });

  it('catches a field edited in place (exit 3, naming the event)', async () => {
    let target: Row = {};
    const path = tampered('edited', (db) => {
      target = db
        .prepare("SELECT * FROM events WHERE type = 'CheckupRecorded' ORDER BY position LIMIT 1")
        .get() as Row;
      const data = JSON.parse(target.data as string);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify({ ...data, complete: false }),
        target.position,
      );
    });
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      `stream ${target.stream_id} at revision ${target.revision}, position ${target.position}: hash does not match`,
    );
    const { report } = await checkJson(path);
    expect(report.tamperedEvents[0]).toMatchObject({
      streamId: target.stream_id,
      position: target.position,
    });
    expect(report.verdict).toBe('tampered');
  });

  it('catches an event deleted (exit 3)', async () => {
    const path = tampered('deleted', (db) =>
      db.prepare('DELETE FROM events WHERE position = 10').run(),
    );
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/position 11: global position 10 is missing/);
    const { report } = await checkJson(path);
    expect(report.logExtendsSeal).toBe(false);
  });

  it('catches a forged event inserted inside the sealed range, its stream hash chained correctly (exit 3)', async () => {
    const k = seal.position - 1;
    let forgedStream = '';
    const path = tampered('forged', (db) => {
      const before = row(db, k - 1);
      // A stream whose last event lies before k: the forgery extends it without breaking its revisions.
      const host = db
        .prepare(
          "SELECT * FROM events WHERE stream_id LIKE 'resident-%' AND position < ? ORDER BY position DESC LIMIT 1",
        )
        .get(k - 1) as Row;
      const last = db
        .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .get(host.stream_id) as Row;
      expect(last.position as number).toBeLessThan(k);
      forgedStream = last.stream_id as string;
      db.prepare('UPDATE events SET position = position + 1000000 WHERE position >= ?').run(k);
      db.prepare('UPDATE events SET position = position - 999999 WHERE position >= 1000000').run();
      const data = {
        ...JSON.parse(last.data as string),
        recordId: 'forged-1',
        occurredAt: '2023-10-10',
      };
      const forged: Row = {
        ...last,
        position: k,
        event_id: '00000000-0000-4000-8000-000000000001',
        revision: (last.revision as number) + 1,
        recorded_at: before.recorded_at,
        command_id: null,
        data: JSON.stringify(data),
      };
      forged.hash = eventHash(last.hash as string, envelopeOf(forged, data));
      const columns = Object.keys(forged);
      db.prepare(
        `INSERT INTO events (${columns.join(',')}) VALUES (${columns.map((c) => '@' + c).join(',')})`,
      ).run(forged);
    });
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`stream ${forgedStream}`);
    expect(result.stdout).toMatch(new RegExp(`position ${k}: the global chain breaks`));
    expect((await checkJson(path)).report.logExtendsSeal).toBe(false);
  });

  it('catches two events swapped (exit 3)', async () => {
    const path = tampered('swapped', (db) => {
      const a = row(db, 3);
      const b = row(db, 9);
      const put =
        db.prepare(`UPDATE events SET event_id=@event_id, stream_id=@stream_id, revision=@revision,
        type=@type, schema_version=@schema_version, recorded_at=@recorded_at, occurred_at=@occurred_at,
        actor=@actor, correlation_id=@correlation_id, causation_id=@causation_id, command_id=@command_id,
        data=@data, hash=@hash, log_hash=@log_hash WHERE position=@target`);
      put.run({ ...a, event_id: 'tmp', revision: -1, target: 9 });
      put.run({ ...b, target: 3 });
      put.run({ ...a, target: 9 });
    });
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/stream \S+ at revision \d+, position 3: /);
    expect((await checkJson(path)).report.logExtendsSeal).toBe(false);
  });

  it('catches a stream truncated: its last events deleted (exit 3)', async () => {
    let first = 0;
    const path = tampered('truncated', (db) => {
      const tail = db
        .prepare(
          "SELECT position FROM events WHERE stream_id = 'resident-jy0' ORDER BY revision DESC LIMIT 2",
        )
        .all() as { position: number }[];
      first = Math.min(...tail.map((t) => t.position));
      for (const t of tail) db.prepare('DELETE FROM events WHERE position = ?').run(t.position);
    });
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(new RegExp(`global position ${first} is missing`));
    const { report } = await checkJson(path);
    expect(report).toMatchObject({ logExtendsSeal: false, figuresMatch: false });
  });

  it('catches a forger who recomputes every later hash and chain: only the seal sees it (exit 3)', async () => {
    const path = tampered('rewritten', (db) => {
      const target = db
        .prepare("SELECT * FROM events WHERE type = 'CheckupRecorded' ORDER BY position LIMIT 1")
        .get() as Row;
      const rows = db
        .prepare('SELECT * FROM events WHERE position >= ? ORDER BY position')
        .all(target.position) as Row[];
      const tips = new Map<string, string>();
      const put = db.prepare(
        'UPDATE events SET data = @data, hash = @hash, log_hash = @log_hash WHERE position = @position',
      );
      let previousLog = row(db, (target.position as number) - 1).log_hash as string;
      for (const r of rows) {
        const data =
          r.position === target.position
            ? { ...JSON.parse(r.data as string), complete: false }
            : JSON.parse(r.data as string);
        const prior = db
          .prepare('SELECT hash FROM events WHERE stream_id = ? AND revision = ?')
          .get(r.stream_id, (r.revision as number) - 1) as Row | undefined;
        const previousHash =
          tips.get(r.stream_id as string) ?? (prior?.hash as string | undefined) ?? '0'.repeat(64);
        const hash = eventHash(previousHash, envelopeOf(r, data));
        tips.set(r.stream_id as string, hash);
        previousLog = createHash('sha256')
          .update(`${previousLog}${hash}${r.position}`)
          .digest('hex');
        put.run({ data: JSON.stringify(data), hash, log_hash: previousLog, position: r.position });
      }
    });
    expect((await runCli(['verify', '--store', `sqlite:${path}`])).code).toBe(0);
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/do not reproduce the sealed root/);
    expect(result.stdout).toMatch(/only the seal shows it/);
  });

  it('refuses a seal file whose figures were edited (exit 4: signature)', async () => {
    const edited = JSON.parse(JSON.stringify(seal));
    edited.figures.find((r: any) => r.total).cells.elderly_health_management.numerator = 6;
    const file = dir.file('seal-edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const { code, report } = await checkJson(sealed, file);
    expect(code).toBe(4);
    expect(report).toMatchObject({ signatureValid: false, verdict: 'untrusted' });
    expect((await check(sealed, file)).stdout).toMatch(/signature\s+FAILED/);
  });

  it('refuses a seal re-signed with another key (exit 4: untrusted key)', async () => {
    const other = generateKeyPairSync('ed25519');
    const x = other.publicKey.export({ format: 'jwk' }).x as string;
    const { signature: _old, ...rest } = seal;
    const unsigned = {
      ...rest,
      figures: JSON.parse(JSON.stringify(seal.figures)),
      publicKey: Buffer.from(x, 'base64url').toString('base64'),
    };
    unsigned.figures.find((r: any) => r.total).cells.elderly_health_management.numerator = 6;
    const resigned = {
      ...unsigned,
      signature: sign(null, Buffer.from(canonicalJson(unsigned)), other.privateKey).toString(
        'base64',
      ),
    };
    const file = dir.file('seal-resigned.json');
    writeFileSync(file, JSON.stringify(resigned));
    const { code, report } = await checkJson(sealed, file);
    expect(code).toBe(4);
    expect(report).toMatchObject({ signatureValid: true, trustedKey: false });
    expect((await check(sealed, file)).stdout).toMatch(/trusted key\s+FAILED/);
  });

  it('documents its exit codes, and exits 2 on a missing or malformed seal file', async () => {
    const help = await runCli(['check-seal', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*0\s+intact[\s\S]*1\s+intact, but[\s\S]*2\s+usage[\s\S]*3\s+tampering[\s\S]*4\s+the seal/,
    );
    expect((await check(sealed, dir.file('nope.json'))).code).toBe(2);
    writeFileSync(dir.file('bad.json'), '{"hello": 1}');
    const bad = await check(sealed, dir.file('bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the seal file lacks/);
    expect((await runCli(['check-seal'])).code).toBe(2);
  });
});
