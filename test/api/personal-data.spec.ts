import { readFileSync, statSync } from 'node:fs';
import { syntheticIdNumber } from '../../libs/records/src/testing/id-numbers';
import { startApi, type RunningApi } from '../support/api-app';
import { tempDir } from '../support/temp-dir';

/**
 * Personal data over real HTTP on loopback, with the store and its vault as real SQLite files:
 * accepted into the vault only, refused with the reason when the ID number cannot be right.
 */
describe('residents with names and ID numbers (the personal-data vault)', () => {
  const dir = tempDir('personal-data');
  const storeFile = dir.file('ledger.sqlite');
  let api: RunningApi;
  const idNumber = syntheticIdNumber('1950-04-01', 'female');
  const ok = async (body: Record<string, unknown>) => {
    const response = await api.post('/api/v1/commands', body);
    if (response.status !== 201)
      throw new Error(`${body.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const register = (over: Record<string, unknown> = {}) => ({
    type: 'RegisterResident',
    commandId: 'res-1',
    residentId: 'r1',
    birthDate: '1950-04-01',
    sex: 'female',
    unitId: 'jingyuan',
    occurredAt: '2024-02-01',
    identity: { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' },
    ...over,
  });

  beforeAll(async () => {
    api = await startApi({ LEDGER_STORE: `sqlite:${storeFile}` });
    await ok({
      type: 'RegisterOrgUnit',
      commandId: 'u-d',
      unitId: 'huancui',
      name: '环翠区',
      kind: 'district',
      occurredAt: '2020-01-01',
    });
    await ok({
      type: 'RegisterOrgUnit',
      commandId: 'u-c',
      unitId: 'jingyuan',
      name: '鲸园社区卫生服务中心',
      kind: 'community_centre',
      parentId: 'huancui',
      occurredAt: '2020-01-01',
    });
  });
  afterAll(async () => {
    await api?.close();
    dir.remove();
  });

  it('201: the identity goes to the vault file beside the store, the log keeps none of it', async () => {
    const { body } = await ok(register());
    expect(body.events).toHaveLength(1);
    expect(statSync(`${storeFile}.vault.sqlite`).mode & 0o777).toBe(0o600);
    expect(statSync(`${storeFile}.match-secret`).mode & 0o777).toBe(0o600);
    const [event] = await api.store.readStream('resident-r1');
    expect(event.data.personalData).toEqual({
      fields: ['name', 'idNumber', 'phone', 'address'],
      idNumberHash: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/),
    });
    for (const file of [storeFile, `${storeFile}-wal`, `${storeFile}.vault.sqlite`]) {
      const bytes = readFileSync(file);
      for (const clear of ['王秀英', idNumber, '13800000001', '鲸园路1号'])
        expect(bytes.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    }
  });

  it('422: a wrong check character is refused naming the field and the reason', async () => {
    const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    const response = await api.post(
      '/api/v1/commands',
      register({ commandId: 'res-2', residentId: 'r2', identity: { idNumber: wrong } }),
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body)).toContain('ID_NUMBER_INVALID');
    expect(JSON.stringify(response.body)).toContain('identity.idNumber');
    expect(JSON.stringify(response.body)).toContain('身份证号');
    expect(JSON.stringify(response.body)).toContain('check character');
    expect((await api.store.readStream('resident-r2')).length).toBe(0);
  });

  it('422: a number of the other sex is refused; a lower-case x is accepted', async () => {
    const male = await api.post(
      '/api/v1/commands',
      register({ commandId: 'res-3', residentId: 'r3', sex: 'male' }),
    );
    expect(male.status).toBe(422);
    expect(JSON.stringify(male.body)).toContain('ID_NUMBER_SEX_MISMATCH');
    await ok(
      register({
        commandId: 'res-4',
        residentId: 'r4',
        birthDate: '1949-12-31',
        identity: { idNumber: '11010519491231002x' },
      }),
    );
  });

  it('409: a second registration of the same ID number is refused at the door, naming the first', async () => {
    const response = await api.post(
      '/api/v1/commands',
      register({
        commandId: 'res-dup',
        residentId: 'r1-again',
        identity: { name: '王秀英', idNumber },
      }),
    );
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('DUPLICATE_ID_NUMBER');
    expect(JSON.stringify(response.body)).toContain('r1');
    expect(JSON.stringify(response.body)).toContain('重复建档');
    expect((await api.store.readStream('resident-r1-again')).length).toBe(0);
  });

  it('400: a malformed identity lists every failing field', async () => {
    const response = await api.post(
      '/api/v1/commands',
      register({ commandId: 'res-5', residentId: 'r5', identity: { name: '', phone: 'call me' } }),
    );
    expect(response.status).toBe(400);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['identity.name', 'identity.phone']);
  });

  describe('who sees a person: GET /api/v1/residents/{id}/identity', () => {
    let recorder: string;
    let supervisor: string;
    let auditor: string;
    let otherRecorder: string;
    beforeAll(async () => {
      await ok({
        type: 'RegisterOrgUnit',
        commandId: 'u-other',
        unitId: 'zhangcun',
        name: '张村镇卫生院',
        kind: 'township_centre',
        parentId: 'huancui',
        occurredAt: '2020-01-01',
      });
      recorder = (await api.keyFor(['recorder'], 'jingyuan')).key;
      supervisor = (await api.keyFor(['supervisor'], 'huancui')).key;
      auditor = (await api.keyFor(['auditor'], 'huancui')).key;
      otherRecorder = (await api.keyFor(['recorder'], 'zhangcun')).key;
    });

    it("200: the resident's unit recorder and a supervisor in scope get the decrypted identity", async () => {
      for (const key of [recorder, supervisor]) {
        const { status, body } = await api.get('/api/v1/residents/r1/identity', key);
        expect(status).toBe(200);
        expect(body).toEqual({
          residentId: 'r1',
          unitId: 'jingyuan',
          erased: false,
          identity: { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' },
        });
      }
    });

    it('403: an auditor sees ids only; a recorder of another unit is out of scope', async () => {
      expect((await api.get('/api/v1/residents/r1/identity', auditor)).status).toBe(403);
      expect((await api.get('/api/v1/residents/r1/identity', otherRecorder)).status).toBe(403);
      expect((await api.get('/api/v1/residents/nobody/identity', recorder)).status).toBe(404);
    });

    it('every identity read is recorded and listed for auditors', async () => {
      const { status, body } = await api.get('/api/v1/audit/reads?residentId=r1', auditor);
      expect(status).toBe(200);
      const identityReads = (body.reads as { what: string }[]).filter((r) => r.what === 'identity');
      expect(identityReads).toHaveLength(2);
    });
  });

  describe('search: GET /api/v1/residents?idNumber=… | ?name=…', () => {
    it('finds a resident by exact ID number (x or X alike) and by name prefix, in scope', async () => {
      const recorder = (await api.keyFor(['recorder'], 'jingyuan')).key;
      const lower = `${idNumber.slice(0, 17)}${idNumber[17].toLowerCase()}`;
      for (const id of [idNumber, lower]) {
        const byId = await api.get(`/api/v1/residents?idNumber=${id}`, recorder);
        expect(byId.status).toBe(200);
        expect(byId.body.residents).toEqual([
          { residentId: 'r1', unitId: 'jingyuan', name: '王秀英' },
        ]);
      }
      const byName = await api.get(
        `/api/v1/residents?name=${encodeURIComponent('王秀')}`,
        recorder,
      );
      expect(byName.body.residents.map((r: { residentId: string }) => r.residentId)).toEqual([
        'r1',
      ]);
      const none = await api.get(`/api/v1/residents?name=${encodeURIComponent('李')}`, recorder);
      expect(none.body.residents).toEqual([]);
    });

    it('finds nobody outside the caller’s units; refuses roles without identity:read', async () => {
      const other = (await api.keyFor(['recorder'], 'zhangcun')).key;
      const outside = await api.get(`/api/v1/residents?idNumber=${idNumber}`, other);
      expect(outside.status).toBe(200);
      expect(outside.body.residents).toEqual([]);
      const auditor = (await api.keyFor(['auditor'], 'huancui')).key;
      expect((await api.get(`/api/v1/residents?idNumber=${idNumber}`, auditor)).status).toBe(403);
    });

    it('400 without exactly one of idNumber and name; each resident found is a recorded read', async () => {
      expect((await api.get('/api/v1/residents')).status).toBe(400);
      const both = await api.get(`/api/v1/residents?idNumber=${idNumber}&name=x`);
      expect(both.status).toBe(400);
      expect(JSON.stringify(both.body)).toContain('须且只能填写其一');
      const reads = (await api.get('/api/v1/audit/reads?residentId=r1')).body.reads as {
        what: string;
      }[];
      expect(reads.filter((r) => r.what === 'identity (search)').length).toBeGreaterThanOrEqual(3);
    });
  });
});
