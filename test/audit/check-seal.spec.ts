import stringWidth from 'string-width';
/* eslint-disable @typescript-eslint/no-explicit-any -- reports are inspected field by field */
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { canonicalJson, eventHash } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import { addLateRecord, buildDistrict2023, recordWithLocks } from './district-2023';
import {
  type Row,
  envelopeOf,
  recomputeEverything,
  rewriteData,
  row,
  swapRows,
  tamperedCopy,
} from './tamper-kit';

/**
 * A period is sealed through the CLI, then the store file (triggers dropped, as an attacker with
 * the file would) or the seal file is changed in one way each. check-seal, given the key the
 * auditor pinned, must tell late records (exit 1) from tampering (exit 3, naming the event) and
 * from a seal it cannot trust (exit 4); without a pinned key it says so (exit 5).
 */
describe('ledger seal and check-seal', () => {
  const dir = tempDir('ledger-seal');
  const original = dir.file('ledger.sqlite');
  const sealed = dir.file('sealed.sqlite');
  const sealFile = dir.file('seal.json');
  const trustFile = dir.file('auditor-trust.txt');
  const publicPem = dir.file('auditor-public.pem');
  let seal: any;
  let fingerprint = '';

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
    // The auditor writes down the fingerprint the seal printed, and keeps it away from the store.
    // (Printed as 指纹 by default, "fingerprint" with --lang en.)
    fingerprint = /指纹 (sha256:[0-9a-f]{64})/.exec(result.stdout)![1];
    writeFileSync(
      trustFile,
      `# Huancui ledger key, noted when 2023 was sealed\n${fingerprint} huancui\n`,
    );
    writeFileSync(
      publicPem,
      createPublicKey(readFileSync(`${original}.signing-key.pem`)).export({
        type: 'spki',
        format: 'pem',
      }),
    );
    copyFileSync(original, sealed);
  });
  afterAll(() => dir.remove());

  // The report is read in English here; its Chinese default is checked in 'says it in Chinese'.
  const check = (store: string, file = sealFile, extra: string[] = ['--trust', trustFile]) =>
    runCli(['check-seal', file, '--store', `sqlite:${store}`, '--lang', 'en', ...extra]);
  const checkJson = async (store: string, file = sealFile, extra = ['--trust', trustFile]) => {
    const result = await check(store, file, [...extra, '--json']);
    return { code: result.code, report: JSON.parse(result.stdout) };
  };
  const verify = (store: string) =>
    runCli(['verify', '--store', `sqlite:${store}`, '--lang', 'en']);
  const tampered = (name: string, edit: Parameters<typeof tamperedCopy>[2]) =>
    tamperedCopy(sealed, dir.file(`${name}.sqlite`), edit);
  const sealEventPosition = () => seal.sealEvent.position as number;

  it('seals the period: figures, position, Merkle root, Ed25519 signature, and the receipt of its own PeriodSealed event', () => {
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
    expect(seal.sealEvent).toMatchObject({
      streamId: 'seal-2023-hc',
      position: event.position,
      hash: event.hash,
    });
    expect(JSON.parse(event.data as string).rootHash).toBe(seal.rootHash);
    expect(JSON.parse(event.data as string)).not.toHaveProperty('sealEvent');
  });

  it('keeps the signing key in a file named after the store, created 0600, never a shared one', () => {
    const key = `${original}.signing-key.pem`;
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(existsSync(dir.file('ledger-signing-key.pem'))).toBe(false);
  });

  it('says it in Chinese by default, each check in line', async () => {
    const result = await runCli([
      'check-seal',
      sealFile,
      '--store',
      `sqlite:${sealed}`,
      '--trust',
      trustFile,
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^check-seal: 完好 — 封存 \S+（2023 年，机构 \S+，截至位置 \d+ 的 \d+ 条事件/,
    );
    expect(result.stdout).toContain(`通过（${fingerprint}，由 ${trustFile} 固定）`);
    const checks = lines.slice(1, 7);
    expect(checks.map((l) => l.trim().split(/ {2,}/)[0])).toEqual([
      '签名',
      '可信密钥',
      '封存事件',
      '账本延续封存',
      '账本哈希',
      '指标',
    ]);
    // Every verdict starts at one display column, the labels being Chinese.
    const verdictAt = (l: string) => stringWidth(l.slice(0, l.indexOf('通过')));
    expect(new Set(checks.map(verdictAt)).size).toBe(1);
  });

  it('passes an intact log (exit 0) with the auditor’s trust file or public key', async () => {
    const result = await check(sealed);
    expect(result.stdout).toMatch(/^check-seal: INTACT/);
    expect(result.stdout).toContain(`ok (${fingerprint}, pinned by ${trustFile})`);
    expect(result.code).toBe(0);
    const { report } = await checkJson(sealed);
    expect(report).toMatchObject({
      signatureValid: true,
      anchored: true,
      trustedKey: true,
      keyFingerprint: fingerprint,
      figuresMatch: true,
      logExtendsSeal: true,
      logIntact: true,
      sealEvent: { receipt: true, receiptSignatureValid: true, found: true },
      lateRecords: [],
      tamperedEvents: [],
    });
    expect((await check(sealed, sealFile, ['--public-key', publicPem])).code).toBe(0);
  });

  it('never trusts the key beside the store: without --public-key or --trust it is unanchored (exit 5) and prints the fingerprint', async () => {
    // The original store has its key file right beside it; it must not count.
    const result = await check(original, sealFile, []);
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/^check-seal: UNANCHORED/);
    expect(result.stdout).toContain(`NOT PINNED — compare ${fingerprint}`);
    expect(result.stdout).toMatch(/this result is UNANCHORED/);
    const { report } = await checkJson(original, sealFile, []);
    expect(report).toMatchObject({ anchored: false, trustedKey: false, verdict: 'unanchored' });
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

  it('refuses a fund command dated in the sealed year (PERIOD_LOCKED); one let through by a lock exception is listed as late (exit 1)', async () => {
    const path = dir.file('late-funds.sqlite');
    copyFileSync(sealed, path);
    const allocate = (commandId: string) => ({
      type: 'AllocateFunds',
      commandId,
      unitId: 'jy',
      year: 2023,
      sourceLevel: 'district',
      amountFen: 50_000,
      occurredAt: '2023-12-30',
    });
    await expect(
      recordWithLocks(path, '2024-02-01T02:00:00Z', 'finance-1', allocate('f-1')),
    ).rejects.toMatchObject({ code: 'PERIOD_LOCKED', details: { sealedUnit: 'hc', year: 2023 } });
    await recordWithLocks(path, '2024-02-01T02:00:00Z', 'supervisor-1', {
      type: 'GrantLockException',
      commandId: 'x-1',
      unitId: 'hc',
      year: 2023,
      reason: 'December allocation booked late',
      expiresAt: '2024-02-10T00:00:00.000Z',
      occurredAt: '2024-02-01',
    });
    await recordWithLocks(path, '2024-02-02T02:00:00Z', 'finance-1', allocate('f-2'));
    const { code, report } = await checkJson(path);
    expect(code).toBe(1);
    expect(report.lateRecords).toEqual([
      expect.objectContaining({
        type: 'FundsAllocated',
        streamId: 'funds-jy-2023',
        actor: 'finance-1',
        occurredAt: '2023-12-30',
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
    // The log's own hashes need no key: still tampering without one.
    expect((await check(path, sealFile, [])).code).toBe(3);
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
        command_fingerprint: null,
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
    const path = tampered('swapped', (db) => swapRows(db, 3, 9));
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

  it('catches the seal event deleted — which lifted the lock — though verify sees nothing (exit 3)', async () => {
    const path = tampered('seal-deleted', (db) =>
      db.prepare('DELETE FROM events WHERE position = ?').run(sealEventPosition()),
    );
    // It was the last event: the rest of the log is a valid, shorter log.
    expect((await verify(path)).code).toBe(0);
    const deleted = await check(path);
    expect(deleted.code).toBe(3);
    expect(deleted.stdout).toContain(
      `the seal's PeriodSealed event (stream seal-2023-hc, position ${sealEventPosition()}) is gone: it was deleted, which lifts the lock on 2023 for hc`,
    );
    // The lock is gone: a checkup dated in the sealed year is accepted again.
    await recordWithLocks(path, '2024-02-01T02:00:00Z', 'recorder-1', {
      type: 'RecordCheckup',
      commandId: 'after-unlock',
      residentId: 'zd2',
      doctorId: 'd-zd',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2023-12-28',
    });
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/seal event\s+FAILED/);
    // The new checkup took the freed position: the receipt names what should be there.
    expect(result.stdout).toContain(
      `the seal's PeriodSealed event (stream seal-2023-hc, position ${sealEventPosition()}) is gone: that position now holds CheckupRecorded in resident-zd2. It was deleted and replaced, which lifts the lock on 2023 for hc`,
    );
    expect(result.stdout).toMatch(
      /late records \(1\)[\s\S]*CheckupRecorded in resident-zd2 .* occurred 2023-12-28/,
    );
    const { report } = await checkJson(path);
    expect(report).toMatchObject({
      verdict: 'tampered',
      logIntact: true,
      logExtendsSeal: true,
      sealEvent: { found: false },
    });
  });

  it('catches the seal event altered with every hash recomputed (exit 3)', async () => {
    const path = tampered('seal-altered', (db) =>
      // Moved to another year: 2023 would be open again.
      rewriteData(db, sealEventPosition(), (data) => ({ ...data, period: 2022 })),
    );
    expect((await verify(path)).code).toBe(0);
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      `the seal's PeriodSealed event at position ${sealEventPosition()} was altered`,
    );
    expect(result.stdout).toContain('and it no longer carries this seal');
  });

  it('catches a forger who recomputes every later hash and chain: only the seal sees it (exit 3)', async () => {
    const path = tampered('rewritten', (db) => {
      const target = db
        .prepare("SELECT * FROM events WHERE type = 'CheckupRecorded' ORDER BY position LIMIT 1")
        .get() as Row;
      rewriteData(db, target.position as number, (data) => ({ ...data, complete: false }));
    });
    expect((await verify(path)).code).toBe(0);
    const result = await check(path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/do not reproduce the sealed root/);
    expect(result.stdout).toMatch(/only the seal shows it/);
  });

  it('catches the same forger who also swaps the key file and re-seals: the new seal names an unpinned key (exit 4), the auditor’s seal shows the rewrite (exit 3)', async () => {
    const path = tampered('resealed', (db) => {
      // The forger removes the honest seal event too, then rewrites a sealed checkup.
      db.prepare('DELETE FROM events WHERE position = ?').run(sealEventPosition());
      const target = db
        .prepare("SELECT * FROM events WHERE type = 'CheckupRecorded' ORDER BY position LIMIT 1")
        .get() as Row;
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify({ ...JSON.parse(target.data as string), complete: false }),
        target.position,
      );
      recomputeEverything(db);
    });
    // A key of the forger's own, put where the store's key belongs.
    writeFileSync(
      `${path}.signing-key.pem`,
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600 },
    );
    const forgedSeal = dir.file('forged-seal.json');
    const resealed = await runCli([
      'seal',
      '--period',
      '2023',
      '--out',
      forgedSeal,
      '--store',
      `sqlite:${path}`,
    ]);
    expect(resealed.code).toBe(0);
    expect((await verify(path)).code).toBe(0);

    const forged = await checkJson(path, forgedSeal);
    expect(forged.code).toBe(4);
    expect(forged.report).toMatchObject({
      signatureValid: true,
      anchored: true,
      trustedKey: false,
    });
    expect((await check(path, forgedSeal)).stdout).toMatch(
      /the seal names key sha256:[0-9a-f]{64}, which .* does not pin/,
    );
    // Without a pinned key the forged seal would pass every other check: that is why 5 is not 0.
    const bare = await checkJson(path, forgedSeal, []);
    expect(bare.code).toBe(5);
    expect(bare.report.keyFingerprint).not.toBe(fingerprint);
    expect(bare.report).toMatchObject({
      figuresMatch: true,
      logExtendsSeal: true,
      logIntact: true,
    });

    const honest = await checkJson(path);
    expect(honest.code).toBe(3);
    expect(honest.report).toMatchObject({ logExtendsSeal: false, sealEvent: { found: false } });
  });

  it('a rewrite after the sealed position escapes the seal, not a checkpoint taken later (verify --witness, exit 3)', async () => {
    const path = dir.file('after-seal.sqlite');
    copyFileSync(sealed, path);
    copyFileSync(`${original}.signing-key.pem`, `${path}.signing-key.pem`);
    await addLateRecord(path);
    const witness = dir.file('witness-after-seal');
    expect((await runCli(['checkpoint', '--out', witness, '--store', `sqlite:${path}`])).code).toBe(
      0,
    );
    const late = tamperedCopy(path, dir.file('after-seal-rewritten.sqlite'), (db) => {
      // The late checkup, now dated 2024: it no longer shows as a late record of 2023.
      const last = row(
        db,
        (db.prepare('SELECT MAX(position) AS p FROM events').get() as Row).p as number,
      );
      const data = { ...JSON.parse(last.data as string), occurredAt: '2024-01-20' };
      db.prepare('UPDATE events SET occurred_at = ?, data = ? WHERE position = ?').run(
        '2024-01-20',
        JSON.stringify(data),
        last.position,
      );
      recomputeEverything(db);
    });
    expect((await verify(late)).code).toBe(0);
    const sealSays = await checkJson(late);
    expect(sealSays.code).toBe(0);
    expect(sealSays.report.lateRecords).toEqual([]);
    const witnessSays = await runCli([
      'verify',
      '--store',
      `sqlite:${late}`,
      '--witness',
      witness,
      '--trust',
      trustFile,
      '--lang',
      'en',
    ]);
    expect(witnessSays.code).toBe(3);
    expect(witnessSays.stdout).toMatch(/do not reproduce the checkpoint's root/);
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

  it('refuses a seal file whose event receipt was moved (exit 4)', async () => {
    const moved = { ...seal, sealEvent: { ...seal.sealEvent, position: seal.position } };
    const file = dir.file('seal-receipt-moved.json');
    writeFileSync(file, JSON.stringify(moved));
    const { code, report } = await checkJson(sealed, file);
    expect(code).toBe(4);
    expect(report.sealEvent.receiptSignatureValid).toBe(false);
  });

  it('refuses a seal re-signed with another key (exit 4: untrusted key)', async () => {
    const other = generateKeyPairSync('ed25519');
    const x = other.publicKey.export({ format: 'jwk' }).x as string;
    const { signature: _old, sealEvent: _receipt, ...rest } = seal;
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
    expect((await check(sealed, file, ['--public-key', publicPem])).code).toBe(4);
  });

  it('documents its exit codes, and exits 2 on a missing or malformed seal or trust file', async () => {
    const help = await runCli(['check-seal', '--help', '--lang', 'en']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*0\s+intact[\s\S]*1\s+intact, but[\s\S]*2\s+usage[\s\S]*3\s+tampering[\s\S]*4\s+untrusted[\s\S]*5\s+unanchored/,
    );
    expect((await check(sealed, dir.file('nope.json'))).code).toBe(2);
    writeFileSync(dir.file('bad.json'), '{"hello": 1}');
    const bad = await check(sealed, dir.file('bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the seal file lacks/);
    expect((await runCli(['check-seal'])).code).toBe(2);
    writeFileSync(dir.file('bad-trust.txt'), `${fingerprint}\nthe ledger key\n`);
    const badTrust = await check(sealed, sealFile, ['--trust', dir.file('bad-trust.txt')]);
    expect(badTrust.code).toBe(2);
    expect(badTrust.stderr).toMatch(/bad-trust\.txt line 2: expected a key fingerprint/);
  });
});
