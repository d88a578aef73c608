import { startApi, type RunningApi } from '../support/api-app';

/** Submitted aggregate reports against the ledger, as of each claim's recordedAt. */
describe('reconciliation of submitted reports', () => {
  let api: RunningApi;
  let n = 0;
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `rc-${(n += 1)}`,
    occurredAt: '2020-01-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>, key?: string) => {
    const r = await api.post('/api/v1/commands', body, key);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r;
  };
  const checkup = (residentId: string) =>
    cmd('RecordCheckup', {
      residentId,
      doctorId: `d-${residentId.split('-')[0]}`,
      kind: 'elderly_annual',
      complete: true,
      occurredAt: `${year}-01-01`,
    });
  const claim = (unitId: string, numerator: number, denominator: number) =>
    cmd('SubmitAggregateReport', {
      unitId,
      period: year,
      claims: [{ indicator: 'elderly_health_management', numerator, denominator }],
      occurredAt: today,
    });
  const line = (body: { lines: { unitId: string }[] }, unitId: string) =>
    body.lines.find((l) => l.unitId === unitId) as unknown as { reasons: { zh: string }[] };

  beforeAll(async () => {
    api = await startApi();
    await ok(cmd('RegisterOrgUnit', { unitId: 'hc', name: '环翠区', kind: 'district' }));
    for (const c of ['jy', 'zd']) {
      await ok(
        cmd('RegisterOrgUnit', { unitId: c, name: c, kind: 'community_centre', parentId: 'hc' }),
      );
      await ok(cmd('RegisterDoctor', { doctorId: `d-${c}`, unitId: c }));
      for (let i = 0; i < 4; i += 1)
        await ok(
          cmd('RegisterResident', {
            residentId: `${c}-${i}`,
            birthDate: '1950-01-01',
            sex: 'male',
            unitId: c,
          }),
        );
      await ok(checkup(`${c}-0`));
    }
    const recorder = await api.keyFor(['recorder'], 'jy');
    // jy claims 3 checkups where the ledger holds 1; zd claims what it did.
    await ok(claim('jy', 3, 4), recorder.key);
    await ok(claim('zd', 1, 4));
    // Recorded after the claim (a later ledger instant): it must not excuse it.
    await new Promise((r) => setTimeout(r, 10));
    await ok(checkup('jy-1'));
  });
  afterAll(async () => api?.close());

  it('flags the over-claim with the gap, judged as of the claim', async () => {
    const { status, body } = await api.get(`/api/v1/reconciliation?period=${year}&unit=hc`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ unitId: 'hc', reports: 2, overClaims: 1 });
    expect(line(body, 'jy')).toMatchObject({
      overClaim: true,
      indicator: 'elderly_health_management',
      claimed: { numerator: 3, denominator: 4 },
      ledger: { numerator: 1, denominator: 4 },
      gap: { numerator: 2, rate: 0.5 },
    });
    expect(line(body, 'jy').reasons[0].zh).toContain('多报 2');
  });

  it('near miss: the honest claim is not flagged', async () => {
    const { body } = await api.get(`/api/v1/reconciliation?period=${year}&unit=hc`);
    expect(line(body, 'zd')).toMatchObject({ overClaim: false, gap: { numerator: 0 } });
  });

  it('a unit sees its own reports; a recorder may not read reconciliation', async () => {
    const { body } = await api.get(`/api/v1/reconciliation?period=${year}&unit=zd`);
    expect(body.lines.map((l: { unitId: string }) => l.unitId)).toEqual(['zd']);
    const recorder = await api.keyFor(['recorder'], 'jy');
    expect(
      (await api.get(`/api/v1/reconciliation?period=${year}&unit=jy`, recorder.key)).status,
    ).toBe(403);
    const supervisor = await api.keyFor(['supervisor'], 'zd');
    expect(
      (await api.get(`/api/v1/reconciliation?period=${year}&unit=jy`, supervisor.key)).status,
    ).toBe(403);
  });

  it('refuses a claim above its denominator', async () => {
    const r = await api.post('/api/v1/commands', claim('jy', 5, 4));
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('CLAIM_NUMERATOR_ABOVE_DENOMINATOR');
  });
});
