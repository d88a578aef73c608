import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { syntheticIdNumber } from '../../libs/records/src/testing/id-numbers';
import { startApi, type RunningApi } from '../support/api-app';
import { chinaToday } from '../support/china-day';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * Erasure by crypto-shredding, end to end on real files: residents registered with their names
 * and ID numbers, a period sealed, one resident erased over HTTP and another with the CLI. The
 * figures stay the same, `verify` and `check-seal` still pass, the erased people's data cannot be
 * read (not even from the vault file), and auditors see who erased whom, when and why.
 */
describe('erasing a resident’s personal data', () => {
  const dir = tempDir('erasure');
  const storeFile = dir.file('ledger.sqlite');
  const vaultFile = `${storeFile}.vault.sqlite`;
  const env = { LEDGER_STORE: `sqlite:${storeFile}` };
  // Home visits of the last complete year, so no record is dated after today in China.
  const year = Number(chinaToday().slice(0, 4)) - 1;
  let api: RunningApi;
  let n = 0;
  const ok = async (type: string, fields: Record<string, unknown>, key?: string) => {
    const r = await api.post(
      '/api/v1/commands',
      { type, commandId: `e-${(n += 1)}`, occurredAt: `${year}-01-05`, ...fields },
      key,
    );
    if (r.status >= 300) throw new Error(`${type}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const people = [
    { residentId: 'r1', sex: 'female', name: '王秀英', phone: '13800000001' },
    { residentId: 'r2', sex: 'male', name: '李建国', phone: '13800000002' },
    { residentId: 'r3', sex: 'female', name: '张桂兰', phone: '13800000003' },
  ] as const;
  // A sequence of its own each: one person, one ID number (a shared one is refused as 重复建档).
  const idOf = (p: (typeof people)[number]) =>
    syntheticIdNumber('1950-04-01', p.sex, 30 + people.indexOf(p));

  /** The figures once the projection has read everything in the log. */
  const figures = async () => {
    for (let i = 0; i < 100; i += 1) {
      const health = await api.get('/health', null);
      if (health.body.projectionLag === 0 && !health.body.figures.warming) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rates = await api.get(`/api/v1/rates?period=${year}&unit=huancui`);
    expect(rates.status).toBe(200);
    return rates.body.rows;
  };

  let before: unknown;
  afterAll(async () => {
    await api?.close();
    dir.remove();
  });

  it('registers residents with identities and records their services, then seals the year', async () => {
    api = await startApi(env);
    await ok('RegisterOrgUnit', {
      unitId: 'huancui',
      name: '环翠区',
      kind: 'district',
      occurredAt: '2020-01-01',
    });
    for (const c of ['jingyuan', 'zhangcun'])
      await ok('RegisterOrgUnit', {
        unitId: c,
        name: c,
        kind: 'community_centre',
        parentId: 'huancui',
        occurredAt: '2020-01-01',
      });
    await ok('RegisterDoctor', { doctorId: 'd1', unitId: 'jingyuan', occurredAt: '2020-01-01' });
    for (const p of people) {
      await ok('RegisterResident', {
        residentId: p.residentId,
        birthDate: '1950-04-01',
        sex: p.sex,
        unitId: 'jingyuan',
        occurredAt: '2020-02-01',
        identity: { name: p.name, idNumber: idOf(p), phone: p.phone, address: '鲸园路1号' },
      });
      await ok('RecordCheckup', {
        residentId: p.residentId,
        doctorId: 'd1',
        kind: 'elderly_annual',
        complete: true,
      });
    }
    before = await figures();
    expect(JSON.stringify(before)).toContain('"numerator":3');
    await api.close();

    const sealed = await runCli(
      ['seal', '--period', String(year), '--unit', 'huancui', '--out', dir.file('seal.json')],
      env,
    );
    expect(sealed.code).toBe(0);
    const key = createPrivateKey(readFileSync(`${storeFile}.signing-key.pem`));
    writeFileSync(
      dir.file('public.pem'),
      createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    );
    api = await startApi(env);
  });

  it('only an admin in scope may erase: a recorder and an admin of another unit get 403', async () => {
    const body = (key: string) =>
      api.post(
        '/api/v1/commands',
        {
          type: 'EraseResidentIdentity',
          commandId: 'erase-r1',
          residentId: 'r1',
          reason: '本人申请删除',
          occurredAt: chinaToday(),
        },
        key,
      );
    expect((await body((await api.keyFor(['recorder'], 'jingyuan')).key)).status).toBe(403);
    expect((await body((await api.keyFor(['admin'], 'zhangcun')).key)).status).toBe(403);
    const erased = await body((await api.keyFor(['admin'], 'jingyuan')).key);
    expect(erased.status).toBe(201);
    expect(erased.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ResidentIdentityErased',
    ]);
  });

  it('the figures stay the same and the person shows as erased where a name would be', async () => {
    expect(await figures()).toEqual(before);
    const recorder = (await api.keyFor(['recorder'], 'jingyuan')).key;
    const gone = await api.get('/api/v1/residents/r1/identity', recorder);
    expect(gone.body).toMatchObject({
      residentId: 'r1',
      erased: true,
      identity: null,
      name: '已删除个人信息',
    });
    const kept = await api.get('/api/v1/residents/r2/identity', recorder);
    expect(kept.body.identity).toMatchObject({ name: '李建国', idNumber: idOf(people[1]) });
    const again = await api.post(
      '/api/v1/commands',
      {
        type: 'CorrectResidentIdentity',
        commandId: 'fix-r1',
        residentId: 'r1',
        identity: { name: '王秀英' },
        occurredAt: chinaToday(),
      },
      recorder,
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('IDENTITY_ERASED');
  });

  it('auditors see who erased whom, when and why in the resident’s timeline', async () => {
    const auditor = (await api.keyFor(['auditor'], 'huancui')).key;
    const timeline = await api.get('/api/v1/residents/r1/timeline', auditor);
    const erasure = timeline.body.events.find(
      (e: { type: string }) => e.type === 'ResidentIdentityErased',
    );
    expect(erasure).toMatchObject({ data: { residentId: 'r1', reason: '本人申请删除' } });
    expect(erasure.actor).toMatch(/.+/);
    expect(erasure.recordedAt).toMatch(/^\d{4}-/);
    // The service records stay in the timeline.
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toContain('CheckupRecorded');
  });

  it('the CLI erases another resident; the data is unreadable even from the vault file', async () => {
    await api.close();
    const cli = await runCli(['erase-resident', '--resident', 'r3', '--reason', '法院裁定'], env);
    expect(cli.code).toBe(0);
    // Chinese by default, English with --lang en: the same facts.
    expect(cli.stdout).toContain('居民 r3：个人信息已删除');
    expect(cli.stdout).toContain('数据密钥已销毁');
    const repeat = await runCli(
      ['--lang', 'en', 'erase-resident', '--resident', 'r3', '--reason', '法院裁定'],
      env,
    );
    expect(repeat.code).toBe(0);
    expect(repeat.stdout).toContain('resident r3: personal data erased (already erased');

    const db = new Database(vaultFile, { readonly: true });
    const keys = db.prepare('SELECT resident_id FROM resident_keys ORDER BY 1').all();
    const sealedRows = db.prepare('SELECT resident_id FROM identities ORDER BY 1').all();
    db.close();
    expect(keys).toEqual([{ resident_id: 'r2' }]);
    expect(sealedRows).toEqual([{ resident_id: 'r2' }]);
    for (const file of [vaultFile, storeFile]) {
      const bytes = readFileSync(file);
      for (const p of people)
        for (const clear of [p.name, idOf(p), p.phone])
          expect(bytes.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    }
  });

  it('verify and check-seal still pass: the chain, the seal and its figures are untouched', async () => {
    const verify = await runCli(['verify'], env);
    expect(verify.code).toBe(0);
    const check = await runCli(
      ['check-seal', dir.file('seal.json'), '--public-key', dir.file('public.pem')],
      env,
    );
    expect({ code: check.code, out: check.stdout }).toMatchObject({ code: 0 });
  });
});
