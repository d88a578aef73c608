import { startApi, type RunningApi } from '../support/api-app';

/** Period locking over HTTP: a seal locks its year for its units; a supervisor's exception reopens it until expiry. */
describe('period locks and lock exceptions', () => {
  let api: RunningApi;
  let n = 0;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `lk-${(n += 1)}`,
    occurredAt: '2020-01-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>, key?: string) => {
    const r = await api.post('/api/v1/commands', body, key);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r;
  };
  const checkup = (residentId: string, occurredAt: string, recordId?: string) =>
    cmd('RecordCheckup', {
      residentId,
      doctorId: `d-${residentId.split('-')[0]}`,
      kind: 'elderly_annual',
      complete: true,
      occurredAt,
      ...(recordId ? { recordId } : {}),
    });
  const seal = (year: number, unitId: string) =>
    // The seal command belongs to another slice; a PeriodSealed event in its stream is what locks.
    api.store.append(
      `seal-${year}-${unitId}`,
      [
        {
          type: 'PeriodSealed',
          occurredAt: `${year + 1}-01-20`,
          data: { period: year, unitId, position: 1, sealedAt: new Date().toISOString() },
        },
      ],
      {
        expectedRevision: 'any',
        actor: 'test-auditor',
      },
    );
  const inAMoment = (ms: number) => new Date(Date.now() + ms).toISOString();

  beforeAll(async () => {
    api = await startApi();
    await ok(cmd('RegisterOrgUnit', { unitId: 'hc', name: '环翠区', kind: 'district' }));
    for (const c of ['jy', 'zd']) {
      await ok(
        cmd('RegisterOrgUnit', { unitId: c, name: c, kind: 'community_centre', parentId: 'hc' }),
      );
      await ok(cmd('RegisterDoctor', { doctorId: `d-${c}`, unitId: c }));
      await ok(
        cmd('RegisterResident', {
          residentId: `${c}-1`,
          birthDate: '1950-01-01',
          sex: 'male',
          unitId: c,
        }),
      );
    }
    await ok(checkup('jy-1', '2023-05-01', 'ck-2023'));
    await seal(2023, 'hc');
  });
  afterAll(async () => api?.close());

  it('refuses a record dated in the sealed year with PERIOD_LOCKED (422, zh + en)', async () => {
    const r = await api.post('/api/v1/commands', checkup('jy-1', '2023-11-05'));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      error: 'PERIOD_LOCKED',
      details: { year: 2023, sealedUnit: 'hc' },
    });
    expect(r.body.message.zh).toContain('封存');
    expect(r.body.message.en).toContain('sealed');
  });

  it('refuses corrections and voids of a record in the sealed year, even made today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const correct = await api.post(
      '/api/v1/commands',
      cmd('CorrectRecord', {
        residentId: 'jy-1',
        recordId: 'ck-2023',
        reason: 'typo',
        changes: { complete: false },
        occurredAt: today,
      }),
    );
    expect(correct.body.error).toBe('PERIOD_LOCKED');
    const voided = await api.post(
      '/api/v1/commands',
      cmd('VoidRecord', {
        residentId: 'jy-1',
        recordId: 'ck-2023',
        reason: 'entered in error',
        occurredAt: today,
      }),
    );
    expect(voided.body.error).toBe('PERIOD_LOCKED');
  });

  it('near miss: the next year is open', async () => {
    expect((await api.post('/api/v1/commands', checkup('jy-1', '2024-01-01'))).status).toBe(201);
  });

  it('refuses fund commands dated in the sealed year like service records; funds for 2023 paid in 2024 go through', async () => {
    const allocate = (occurredAt: string) =>
      cmd('AllocateFunds', {
        unitId: 'hc',
        year: 2023,
        sourceLevel: 'district',
        amountFen: 1_000_000,
        occurredAt,
      });
    const disburse = (occurredAt: string, kind = 'pre_disbursement') =>
      cmd('DisburseFunds', {
        fromUnitId: 'hc',
        toUnitId: 'jy',
        year: 2023,
        kind,
        amountFen: 200_000,
        note: '预拨',
        occurredAt,
      });
    const late = await api.post('/api/v1/commands', allocate('2023-12-01'));
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      error: 'PERIOD_LOCKED',
      details: { year: 2023, day: '2023-12-01', sealedUnit: 'hc' },
    });
    expect(late.body.message.zh).toContain('封存');
    // Refused by the lock, not by the balance: nothing was allocated yet.
    expect((await api.post('/api/v1/commands', disburse('2023-06-01'))).body.error).toBe(
      'PERIOD_LOCKED',
    );
    expect(await api.store.readStream('funds-hc-2023')).toEqual([]);
    // Near miss: dated the day after the year ends (China time), the same year's money moves.
    expect((await api.post('/api/v1/commands', allocate('2024-01-01'))).status).toBe(201);
    expect((await api.post('/api/v1/commands', disburse('2024-01-02'))).status).toBe(201);
  });

  it('a repeat of a command accepted before the seal still answers with its first result', async () => {
    const first = cmd('RecordCheckup', {
      residentId: 'zd-1',
      doctorId: 'd-zd',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2022-03-01',
    });
    await ok(first);
    await seal(2022, 'zd');
    const again = await api.post('/api/v1/commands', first);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
  });

  it('a recorder cannot grant a lock exception', async () => {
    const recorder = await api.keyFor(['recorder'], 'jy');
    const r = await api.post(
      '/api/v1/commands',
      cmd('GrantLockException', {
        unitId: 'jy',
        year: 2023,
        reason: 'late forms',
        expiresAt: inAMoment(86_400_000),
        occurredAt: new Date().toISOString(),
      }),
      recorder.key,
    );
    expect(r.status).toBe(403);
  });

  it("a supervisor's exception lets the unit record in the sealed year; other units stay locked", async () => {
    const supervisor = await api.keyFor(['supervisor'], 'hc');
    const granted = await ok(
      cmd('GrantLockException', {
        unitId: 'jy',
        year: 2023,
        reason: '纸质表迟交 late paper forms',
        expiresAt: inAMoment(86_400_000),
        occurredAt: new Date().toISOString(),
      }),
      supervisor.key,
    );
    expect(granted.body.events[0]).toMatchObject({ type: 'LockExceptionGranted' });
    const exceptions = await api.store.readStream('lock-exceptions-2023');
    expect(exceptions[0]).toMatchObject({
      actor: supervisor.actorId,
      data: { unitId: 'jy', reason: '纸质表迟交 late paper forms' },
    });
    expect((await api.post('/api/v1/commands', checkup('jy-1', '2023-11-06'))).status).toBe(201);
    expect((await api.post('/api/v1/commands', checkup('zd-1', '2023-11-06'))).body.error).toBe(
      'PERIOD_LOCKED',
    );
  });

  it('an expired exception does not', async () => {
    const supervisor = await api.keyFor(['supervisor'], 'hc');
    await ok(
      cmd('GrantLockException', {
        unitId: 'zd',
        year: 2023,
        reason: 'one last form',
        expiresAt: inAMoment(1500),
        occurredAt: new Date().toISOString(),
      }),
      supervisor.key,
    );
    expect((await api.post('/api/v1/commands', checkup('zd-1', '2023-11-07'))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await api.post('/api/v1/commands', checkup('zd-1', '2023-11-08'))).body.error).toBe(
      'PERIOD_LOCKED',
    );
  });

  it("an exception for the payee does not open the payer's sealed year", async () => {
    // Last: it opens hc. jy holds an exception (above); hc, which pays, does not yet.
    const r = await api.post(
      '/api/v1/commands',
      cmd('DisburseFunds', {
        fromUnitId: 'hc',
        toUnitId: 'jy',
        year: 2023,
        kind: 'pre_disbursement',
        amountFen: 1000,
        note: '预拨',
        occurredAt: '2023-12-15',
      }),
    );
    expect(r.body).toMatchObject({ error: 'PERIOD_LOCKED', details: { sealedUnit: 'hc' } });
    const supervisor = await api.keyFor(['supervisor'], 'hc');
    await ok(
      cmd('GrantLockException', {
        unitId: 'hc',
        year: 2023,
        reason: 'December pre-disbursement booked late',
        expiresAt: inAMoment(86_400_000),
        occurredAt: new Date().toISOString(),
      }),
      supervisor.key,
    );
    const allowed = await api.post(
      '/api/v1/commands',
      cmd('DisburseFunds', {
        fromUnitId: 'hc',
        toUnitId: 'jy',
        year: 2023,
        kind: 'pre_disbursement',
        amountFen: 1000,
        note: '预拨',
        occurredAt: '2023-12-15',
      }),
    );
    expect(allowed.status).toBe(201);
  });
});
