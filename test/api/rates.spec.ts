import { startApi, type RunningApi } from '../support/api-app';
import { followFeed } from '../support/live-feed';

/** Indicator queries and the live feed over real HTTP, scoped by key. */
describe('rates, lineage and the live feed', () => {
  let api: RunningApi;
  let n = 0;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `rt-${(n += 1)}`,
    occurredAt: '2024-02-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', body);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };

  beforeAll(async () => {
    api = await startApi();
    await ok(
      cmd('RegisterOrgUnit', {
        unitId: 'hc',
        name: '环翠区',
        kind: 'district',
        occurredAt: '2020-01-01',
      }),
    );
    for (const c of ['jy', 'zd']) {
      await ok(
        cmd('RegisterOrgUnit', {
          unitId: c,
          name: c,
          kind: 'community_centre',
          parentId: 'hc',
          occurredAt: '2020-01-01',
        }),
      );
      // One doctor registered by name, the others by code only.
      const name = c === 'jy' ? { name: '王医生' } : {};
      await ok(
        cmd('RegisterDoctor', { doctorId: `d-${c}`, unitId: c, occurredAt: '2020-01-01', ...name }),
      );
      for (let i = 0; i < 4; i += 1)
        await ok(
          cmd('RegisterResident', {
            residentId: `${c}-${i}`,
            birthDate: '1950-01-01',
            sex: 'male',
            unitId: c,
            occurredAt: '2020-01-01',
          }),
        );
    }
    await ok(
      cmd('RecordCheckup', {
        residentId: 'jy-0',
        doctorId: 'd-jy',
        kind: 'elderly_annual',
        complete: true,
      }),
    );
  });
  afterAll(async () => api?.close());

  const rate = (
    body: { rows: { unitId: string; indicatorId: string }[] },
    unitId: string,
    indicatorId: string,
  ) => body.rows.find((r) => r.unitId === unitId && r.indicatorId === indicatorId);

  it('answers the figures of a unit and its sub-units against targets', async () => {
    const { status, body } = await api.get('/api/v1/rates?period=2024&unit=hc');
    expect(status).toBe(200);
    expect(body.children).toEqual(['jy', 'zd']);
    expect(rate(body, 'hc', 'elderly_health_management')).toMatchObject({
      numerator: 1,
      denominator: 8,
      rate: 0.125,
      target: 0.64,
      status: 'behind',
    });
    expect(rate(body, 'jy', 'elderly_health_management')).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
    expect(
      body.pace.find((p: { indicatorId: string }) => p.indicatorId === 'elderly_health_management'),
    ).toMatchObject({ task: 6, done: 1, open: 5 });
  });

  it('breaks figures down by doctor, with target and status', async () => {
    await ok(
      cmd('SignContract', {
        residentId: 'jy-0',
        contractId: 'k-jy-0',
        doctorId: 'd-jy',
        start: '2024-01-01',
        end: '2024-12-31',
      }),
    );
    const { body } = await api.get('/api/v1/rates?period=2024&unit=hc');
    const doctor = body.doctors.find((d: { doctorId: string }) => d.doctorId === 'd-jy');
    // The name a person reads, with the code beside it.
    expect(doctor).toMatchObject({ doctorId: 'd-jy', name: '王医生' });
    expect(doctor.figures.elderly_health_management).toMatchObject({
      numerator: 1,
      denominator: 1,
      rate: 1,
      target: 0.64,
      gap: 0,
      status: 'met',
    });
    const other = await api.get('/api/v1/rates?period=2024&unit=zd');
    expect(other.body.doctors.map((d: { doctorId: string }) => d.doctorId)).not.toContain('d-jy');
  });

  it('drills a number down to residents and events', async () => {
    const { body } = await api.get(
      '/api/v1/rates/elderly_health_management/lineage?period=2024&unit=jy&filter=counted',
    );
    expect(body).toMatchObject({ counted: 1, notCounted: 3 });
    expect(body.entries[0].residentId).toBe('jy-0');
    expect(body.entries[0].evidence[0]).toMatchObject({ type: 'CheckupRecorded' });
    expect(body.names).toEqual({ units: { jy: 'jy' } });
  });

  it('refuses an out-of-scope unit and a bad period', async () => {
    const supervisor = await api.keyFor(['supervisor'], 'zd');
    expect((await api.get('/api/v1/rates?period=2024&unit=jy', supervisor.key)).status).toBe(403);
    const own = await api.get('/api/v1/rates?period=2024', supervisor.key);
    expect(own.body.unit.unitId).toBe('zd');
    const bad = await api.get('/api/v1/rates?period=24x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('period');
  });

  it('names the years with records in the scope, newest first', async () => {
    await ok(
      cmd('RecordCheckup', {
        residentId: 'zd-0',
        doctorId: 'd-zd',
        kind: 'elderly_annual',
        complete: true,
        occurredAt: '2022-06-01',
      }),
    );
    const all = await api.get('/api/v1/years');
    expect(all.body).toEqual({ unitId: 'hc', years: [2024, 2022], complete: true });
    const zd = await api.keyFor(['supervisor'], 'zd');
    expect((await api.get('/api/v1/years', zd.key)).body.years).toEqual([2022]);
    expect((await api.get('/api/v1/years?unit=jy')).body.years).toEqual([2024]);
    expect((await api.get('/api/v1/years?unit=jy', zd.key)).status).toBe(403);
    expect((await api.get('/api/v1/years?period=2024')).status).toBe(400);
  });

  it("names the key's actor, roles, scope and permissions", async () => {
    const zd = await api.keyFor(['supervisor'], 'zd');
    expect((await api.get('/api/v1/me', zd.key)).body).toEqual({
      actorId: zd.actorId,
      name: 'test supervisor',
      roles: ['supervisor'],
      unitId: 'zd',
      permissions: expect.arrayContaining(['rates:read', 'audit:read']),
    });
    expect((await api.get('/api/v1/me', zd.key)).body.permissions).not.toContain('funds:read');
  });

  /** Follows /api/v1/live for 2024 and unit jy, collecting its events until stopped. */
  function follow(headers: Record<string, string> = {}) {
    return followFeed(`${api.base}/api/v1/live?period=2024&unit=jy`, {
      authorization: `Bearer ${api.rootKey}`,
      ...headers,
    });
  }

  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(check()).toBe(true);
  };

  it('sends the whole view once, then only what changed, each with its position', async () => {
    const feed = follow();
    await waitFor(() => feed.events.length >= 1);
    expect(feed.contentType()).toMatch(/text\/event-stream/);
    const [first] = feed.events;
    expect(first.type).toBe('rates');
    const view = JSON.parse(first.data);
    expect(first.id).toBe(String(view.position));
    expect(rate(view, 'jy', 'elderly_health_management')).toMatchObject({ numerator: 1 });
    await ok(
      cmd('RecordCheckup', {
        residentId: 'jy-1',
        doctorId: 'd-jy',
        kind: 'elderly_annual',
        complete: true,
      }),
    );
    await waitFor(() => feed.events.some((e) => e.type === 'delta'));
    const delta = feed.events.find((e) => e.type === 'delta')!;
    const body = JSON.parse(delta.data);
    expect(delta.id).toBe(String(body.position));
    expect(body.position).toBeGreaterThan(view.position);
    // Only the rows that moved travel, not the table: far smaller than the view.
    expect(body.changed.rows.length).toBeGreaterThan(0);
    expect(body.changed.rows.length).toBeLessThan(view.rows.length);
    expect(Buffer.byteLength(delta.data)).toBeLessThan(Buffer.byteLength(first.data) / 2);
    // The page's own applier turns the first view and the delta into the current figures.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { applyDelta } = require('../../apps/api/public/live-delta.js');
    const applied = applyDelta(view, body);
    expect(rate(applied, 'jy', 'elderly_health_management')).toMatchObject({ numerator: 2 });
    const now = (await api.get('/api/v1/rates?period=2024&unit=jy', api.rootKey)).body;
    expect(applied.rows).toEqual(expect.arrayContaining(now.rows));
    expect(applied.rows).toHaveLength(now.rows.length);
    await feed.stop();
  });

  it('resumes from Last-Event-ID without the whole view when nothing was missed', async () => {
    const first = follow();
    await waitFor(() => first.events.length >= 1);
    const position = first.events[first.events.length - 1].id!;
    await first.stop();
    const resumed = follow({ 'last-event-id': position });
    await waitFor(() => resumed.events.length >= 1);
    expect(resumed.events[0]).toMatchObject({ type: 'ready', id: position });
    await resumed.stop();
    const behind = follow({ 'last-event-id': '1' });
    await waitFor(() => behind.events.length >= 1);
    expect(behind.events[0].type).toBe('rates');
    await behind.stop();
  });
});
