import { startApi, type RunningApi } from '../support/api-app';

/** 401, 403 (role and scope), revocation at once, and a forged actor ignored. */
describe('access control over HTTP', () => {
  let api: RunningApi;
  const command = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `${type}-${Math.random().toString(36).slice(2)}`,
    occurredAt: '2024-01-05',
    ...fields,
  });

  beforeAll(async () => {
    api = await startApi();
    const arrange = async (body: Record<string, unknown>) => {
      const r = await api.post('/api/v1/commands', body);
      if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    };
    await arrange(
      command('RegisterOrgUnit', {
        unitId: 'dist',
        name: '环翠区',
        kind: 'district',
        occurredAt: '2020-01-01',
      }),
    );
    for (const c of ['ca', 'cb']) {
      await arrange(
        command('RegisterOrgUnit', {
          unitId: c,
          name: c,
          kind: 'community_centre',
          parentId: 'dist',
          occurredAt: '2020-01-01',
        }),
      );
      await arrange(
        command('RegisterDoctor', { doctorId: `d-${c}`, unitId: c, occurredAt: '2020-01-01' }),
      );
      await arrange(
        command('RegisterResident', {
          residentId: `r-${c}`,
          birthDate: '1950-01-01',
          sex: 'male',
          unitId: c,
          occurredAt: '2020-01-01',
        }),
      );
    }
  });
  afterAll(async () => api?.close());

  const tcm = (residentId: string, doctorId: string) =>
    command('RecordTcmAssessment', { residentId, doctorId, constitution: 'balanced' });

  it('401 without a key, with a malformed key and with an unknown key', async () => {
    for (const key of [null, 'not-a-key', `phl_0123456789abcdef_${'A'.repeat(43)}`]) {
      const r = await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), key);
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('UNAUTHENTICATED');
      expect(r.body.message.zh).toMatch(/密钥/);
    }
    expect((await api.get('/health', null)).status).toBe(200);
  });

  it('403 outside the role, naming the missing permission', async () => {
    const auditor = await api.keyFor(['auditor']);
    const r = await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), auditor.key);
    expect(r.status).toBe(403);
    expect(r.body.details).toMatchObject({ why: 'role', permission: 'records:write' });
  });

  it('403 outside the unit scope, naming the unit', async () => {
    const recorder = await api.keyFor(['recorder'], 'ca');
    expect((await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), recorder.key)).status).toBe(
      201,
    );
    const r = await api.post('/api/v1/commands', tcm('r-cb', 'd-cb'), recorder.key);
    expect(r.status).toBe(403);
    expect(r.body.details).toMatchObject({ why: 'scope', scope: 'ca', outside: ['cb'] });
    expect(r.body.message.zh).toMatch(/cb/);
  });

  it('a revoked actor or rotated key is refused on the very next request', async () => {
    const recorder = await api.keyFor(['recorder'], 'ca');
    expect((await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), recorder.key)).status).toBe(
      201,
    );
    const rotated = await api.post(`/api/v1/actors/${recorder.actorId}/keys`, {});
    expect(rotated.status).toBe(201);
    expect((await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), recorder.key)).status).toBe(
      401,
    );
    expect((await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), rotated.body.key)).status).toBe(
      201,
    );
    const revoked = await api.post(`/api/v1/actors/${recorder.actorId}/revoke`, {
      reason: 'left the centre',
    });
    expect(revoked.status).toBe(201);
    expect((await api.post('/api/v1/commands', tcm('r-ca', 'd-ca'), rotated.body.key)).status).toBe(
      401,
    );
  });

  it('ignores an actor claimed in the payload: the key decides who acted', async () => {
    const recorder = await api.keyFor(['recorder'], 'ca');
    const r = await api.post(
      '/api/v1/commands',
      { ...tcm('r-ca', 'd-ca'), actor: 'chief-physician' },
      recorder.key,
    );
    expect(r.status).toBe(201);
    const timeline = await api.get('/api/v1/residents/r-ca/timeline');
    const event = timeline.body.events.find(
      (e: { commandId: string }) => e.commandId === r.body.commandId,
    );
    expect(event.actor).toBe(recorder.actorId);
  });

  it('records who read a resident timeline; the auditor at the root can list those reads', async () => {
    const recorder = await api.keyFor(['recorder'], 'ca');
    expect((await api.get('/api/v1/residents/r-ca/timeline', recorder.key)).status).toBe(200);
    expect((await api.get('/api/v1/residents/r-cb/timeline', recorder.key)).status).toBe(403);
    const auditor = await api.keyFor(['auditor']);
    const reads = await api.get('/api/v1/audit/reads?residentId=r-ca', auditor.key);
    expect(reads.status).toBe(200);
    expect(reads.body.reads.map((x: { actorId: string }) => x.actorId)).toContain(recorder.actorId);
    const all = await api.get('/api/v1/audit/reads?limit=1000', auditor.key);
    expect(
      all.body.reads.some(
        (x: { actorId: string; residentId: string }) =>
          x.actorId === recorder.actorId && x.residentId === 'r-ca',
      ),
    ).toBe(true);
    expect((await api.get('/api/v1/audit/reads', recorder.key)).status).toBe(403);
  });

  it("honours an auditor's scope: a district auditor reads its district, not another", async () => {
    const arrange = async (body: Record<string, unknown>) => {
      const r = await api.post('/api/v1/commands', body);
      if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    };
    const at = { occurredAt: '2020-01-01' };
    await arrange(
      command('RegisterOrgUnit', { unitId: 'dist2', name: '文登区', kind: 'district', ...at }),
    );
    await arrange(
      command('RegisterOrgUnit', {
        unitId: 'cc',
        name: 'cc',
        kind: 'community_centre',
        parentId: 'dist2',
        ...at,
      }),
    );
    await arrange(
      command('RegisterResident', {
        residentId: 'r-cc',
        birthDate: '1950-01-01',
        sex: 'female',
        unitId: 'cc',
        ...at,
      }),
    );
    const district = (await api.keyFor(['auditor'], 'dist')).key;
    const centre = (await api.keyFor(['auditor'], 'cb')).key;
    const root = (await api.keyFor(['auditor'])).key;
    const status = async (path: string, key: string) => (await api.get(path, key)).status;
    const timeline = (r: string) => `/api/v1/residents/${r}/timeline`;
    const rates = (unit: string) => `/api/v1/rates?period=2024&unit=${unit}`;
    const reads = (r: string) => `/api/v1/audit/reads?residentId=${r}`;

    for (const path of [timeline('r-ca'), timeline('r-cb'), rates('dist'), reads('r-ca')])
      expect([path, await status(path, district)]).toEqual([path, 200]);
    for (const path of [timeline('r-cc'), rates('dist2'), rates('cc'), reads('r-cc')])
      expect([path, await status(path, district)]).toEqual([path, 403]);
    // Across the whole log is above any one district.
    expect(await status('/api/v1/audit/reads?limit=5', district)).toBe(403);

    expect(await status(timeline('r-cb'), centre)).toBe(200);
    for (const path of [timeline('r-ca'), rates('dist'), reads('r-ca')])
      expect([path, await status(path, centre)]).toEqual([path, 403]);
    const refused = await api.get(timeline('r-ca'), centre);
    expect(refused.body).toMatchObject({
      error: 'FORBIDDEN',
      details: { why: 'scope', scope: 'cb', outside: ['ca'] },
    });
    expect(refused.body.message.zh).toMatch(/ca.*不在用户/);

    for (const path of [timeline('r-cc'), rates('dist2'), rates('dist'), '/api/v1/audit/reads'])
      expect([path, await status(path, root)]).toEqual([path, 200]);
  });
});
