import { OPERATOR } from '@libs/access';
import { systemClock } from '@libs/ledger';
import { executeCommand, streamIds } from '@libs/records';
import { alertId, alertStream } from '@libs/fabrication/alerts/alert-id';
import { ALERT_ACTIONS_BY_TYPE } from '@libs/fabrication/alerts/alerts-catalog';
import { raiseDraft } from '@libs/fabrication/alerts/raise-draft';
import { runDetection } from '@libs/fabrication/alerts/run-detection';
import { startApi, type RunningApi } from '../support/api-app';

/**
 * Alerts end to end: the detect runner on a small hand-made ledger raises a follow-up-after-
 * death alert; supervisors and auditors in scope list and open it; a supervisor acknowledges
 * and dismisses it with a reason; the next run does not raise it again.
 */
describe('alerts', () => {
  let api: RunningApi;
  let n = 0;
  const keys: Record<'supA' | 'supB' | 'auditor' | 'auditorB' | 'recorderA', string> = {} as never;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `c-${(n += 1)}`,
    occurredAt: '2024-02-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', body);
    if (r.status >= 300) throw new Error(`${String(body.type)}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** A resident of centre A with a follow-up dated after a death recorded later. */
  const deadWithFollowUp = async (residentId: string) => {
    await ok(
      cmd('RegisterResident', {
        residentId,
        birthDate: '1950-01-01',
        sex: 'female',
        unitId: 'centre-a',
        occurredAt: '2020-01-01',
      }),
    );
    await ok(
      cmd('EnrollChronicCare', { residentId, condition: 'hypertension', occurredAt: '2024-01-05' }),
    );
    await ok(
      cmd('RecordFollowUp', {
        residentId,
        doctorId: 'doc-a',
        condition: 'hypertension',
        mode: 'face_to_face_clinic',
        systolic: 130,
        diastolic: 80,
        occurredAt: '2024-04-01',
      }),
    );
    await ok(cmd('RecordResidentDeath', { residentId, occurredAt: '2024-03-01' }));
  };
  const detect = () =>
    runDetection(api.store, { period: 2024, clock: systemClock, actor: OPERATOR.actorId });
  const afterDeathOf = async (residentId: string) => {
    const run = await detect();
    const found = run.outcomes.find(
      (o) => o.detector === 'after-death' && o.subject.id === residentId,
    );
    return { run, found };
  };

  beforeAll(async () => {
    api = await startApi();
    await ok(
      cmd('RegisterOrgUnit', {
        unitId: 'district',
        name: '环翠区',
        kind: 'district',
        occurredAt: '2020-01-01',
      }),
    );
    for (const c of ['centre-a', 'centre-b'])
      await ok(
        cmd('RegisterOrgUnit', {
          unitId: c,
          name: c,
          kind: 'community_centre',
          parentId: 'district',
          occurredAt: '2020-01-01',
        }),
      );
    await ok(
      cmd('RegisterDoctor', {
        doctorId: 'doc-a',
        unitId: 'centre-a',
        name: '王医生',
        occurredAt: '2020-01-01',
      }),
    );
    keys.supA = (await api.keyFor(['supervisor'], 'centre-a')).key;
    keys.supB = (await api.keyFor(['supervisor'], 'centre-b')).key;
    keys.auditor = (await api.keyFor(['auditor'], 'district')).key;
    keys.auditorB = (await api.keyFor(['auditor'], 'centre-b')).key;
    keys.recorderA = (await api.keyFor(['recorder'], 'centre-a')).key;
    await deadWithFollowUp('r-dead');
  });
  afterAll(async () => api?.close());

  let id = '';

  it('detect raises the alert with its evidence, in the resident’s unit, once', async () => {
    const { run, found } = await afterDeathOf('r-dead');
    expect(found).toMatchObject({ outcome: 'raised', unitId: 'centre-a', severity: 'high' });
    id = found!.alertId;
    expect(run.byDetector['after-death']).toEqual({ high: 1 });
    const again = await afterDeathOf('r-dead');
    expect(again.found).toMatchObject({ alertId: id, outcome: 'duplicate' });
    expect(again.run.raised).toBe(0);
    const stream = await api.store.readStream(alertStream(id));
    expect(stream.map((e) => e.type)).toEqual(['AlertRaised']);
  });

  it('no alert without evidence events', async () => {
    const draft = {
      detector: 'workload' as const,
      subject: { kind: 'doctor' as const, id: 'doc-a' },
      evidence: [] as string[],
    };
    await expect(
      executeCommand(
        {
          type: 'RaiseAlert',
          commandId: 'raise-empty',
          occurredAt: '2024-06-01',
          unitId: 'centre-a',
          period: 2024,
          score: 1,
          severity: 'low',
          explanation: { zh: '无证据', en: 'nothing' },
          ...draft,
        },
        { store: api.store, clock: systemClock, actor: 'operator', catalog: ALERT_ACTIONS_BY_TYPE },
      ),
    ).rejects.toMatchObject({ code: 'ALERT_WITHOUT_EVIDENCE' });
    expect(await api.store.readStream(alertStream(alertId(draft)))).toEqual([]);
  });

  it('RaiseAlert is not a public command', async () => {
    const r = await api.post(
      '/api/v1/commands',
      cmd('RaiseAlert', { unitId: 'centre-a', evidence: ['x'] }),
    );
    expect(r.status).toBe(400);
  });

  it('lists alerts by scope: the supervisor and the auditor over the unit, not those of another', async () => {
    const own = await api.get('/api/v1/alerts?period=2024', keys.supA);
    expect(own.status).toBe(200);
    expect(own.body.alerts.map((a: { alertId: string }) => a.alertId)).toContain(id);
    expect(own.body.alerts.find((a: { alertId: string }) => a.alertId === id)).toMatchObject({
      status: 'open',
      unitId: 'centre-a',
      detector: 'after-death',
      subject: { kind: 'resident', id: 'r-dead' },
    });
    expect(own.body.bySeverity.high).toBeGreaterThanOrEqual(1);
    // Units by name, for a reader who does not know the codes.
    expect(own.body.names.units).toEqual({ 'centre-a': 'centre-a' });
    const other = await api.get('/api/v1/alerts?period=2024', keys.supB);
    expect(other.status).toBe(200);
    expect(other.body.alerts).toEqual([]);
    expect((await api.get('/api/v1/alerts?unit=centre-a', keys.supB)).status).toBe(403);
    const auditor = await api.get('/api/v1/alerts?severity=high', keys.auditor);
    expect(auditor.body.alerts.map((a: { alertId: string }) => a.alertId)).toContain(id);
    // An auditor's scope is honoured like anyone's: centre B's auditor sees none of centre A.
    expect((await api.get('/api/v1/alerts?severity=high', keys.auditorB)).body.alerts).toEqual([]);
    expect((await api.get(`/api/v1/alerts/${id}`, keys.auditorB)).status).toBe(403);
    expect(
      (await api.get('/api/v1/alerts?severity=low&detector=after-death', keys.supA)).body.alerts,
    ).toEqual([]);
    // A bad filter is a bad query parameter: 400, like a bad body field.
    expect((await api.get('/api/v1/alerts?status=bogus', keys.supA)).status).toBe(400);
    expect((await api.get('/api/v1/alerts', keys.recorderA)).status).toBe(403);
  });

  it('opens an alert: its evidence events in full and the resident’s timeline', async () => {
    const r = await api.get(`/api/v1/alerts/${id}`, keys.supA);
    expect(r.status).toBe(200);
    expect(r.body.evidence.length).toBeGreaterThan(0);
    const types = r.body.evidenceEvents.map((e: { type?: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ResidentDied', 'FollowUpRecorded']));
    expect(r.body.evidenceEvents.every((e: { missing?: boolean }) => !e.missing)).toBe(true);
    expect(r.body.timeline.map((e: { type: string }) => e.type)).toContain('ResidentRegistered');
    // Names of the units and actors the answer mentions.
    expect(r.body.names.units['centre-a']).toBe('centre-a');
    expect(Object.values(r.body.names.actors)).toContain('test root');
    // The doctor of the follow-up in the evidence, by the name registered.
    expect(r.body.names.doctors).toEqual({ 'doc-a': '王医生' });
    expect((await api.get(`/api/v1/alerts/${id}`, keys.supB)).status).toBe(403);
    expect((await api.get('/api/v1/alerts/0000000000000000', keys.supA)).status).toBe(404);
  });

  it('a recorder may not handle an alert, nor a supervisor of another unit', async () => {
    const dismiss = cmd('DismissAlert', { alertId: id, reason: 'no', occurredAt: '2024-06-01' });
    const recorder = await api.post('/api/v1/commands', dismiss, keys.recorderA);
    expect({ status: recorder.status, error: recorder.body.error }).toEqual({
      status: 403,
      error: 'FORBIDDEN',
    });
    expect((await api.post('/api/v1/commands', dismiss, keys.supB)).status).toBe(403);
  });

  it('the supervisor acknowledges, then dismisses with a reason; dismissed is final', async () => {
    const blank = await api.post(
      '/api/v1/commands',
      cmd('AcknowledgeAlert', { alertId: id, reason: ' ', occurredAt: '2024-06-01' }),
      keys.supA,
    );
    expect({ status: blank.status, error: blank.body.error }).toEqual({
      status: 422,
      error: 'REASON_REQUIRED',
    });
    const ack = await api.post(
      '/api/v1/commands',
      cmd('AcknowledgeAlert', { alertId: id, reason: '调阅纸质档案', occurredAt: '2024-06-01' }),
      keys.supA,
    );
    expect(ack.status).toBe(201);
    const dismissed = await api.post(
      '/api/v1/commands',
      cmd('DismissAlert', {
        alertId: id,
        reason: 'death date entered wrongly; corrected at the registry',
        occurredAt: '2024-06-02',
      }),
      keys.supA,
    );
    expect(dismissed.status).toBe(201);
    const after = await api.post(
      '/api/v1/commands',
      cmd('ConfirmAlert', { alertId: id, reason: 'changed my mind', occurredAt: '2024-06-03' }),
      keys.supA,
    );
    expect({ status: after.status, error: after.body.error }).toEqual({
      status: 409,
      error: 'ALERT_CLOSED',
    });
    const one = await api.get(`/api/v1/alerts/${id}`, keys.auditor);
    expect(one.body.status).toBe('dismissed');
    expect(
      one.body.actions.map((a: { type: string; reason: string }) => [a.type, a.reason]),
    ).toEqual([
      ['AlertAcknowledged', '调阅纸质档案'],
      ['AlertDismissed', 'death date entered wrongly; corrected at the registry'],
    ]);
    const listed = await api.get('/api/v1/alerts?status=dismissed', keys.supA);
    expect(listed.body.alerts.map((a: { alertId: string }) => a.alertId)).toEqual([id]);
  });

  it('a dismissed alert is not raised again for the same evidence', async () => {
    const { run, found } = await afterDeathOf('r-dead');
    expect(found).toMatchObject({ alertId: id, outcome: 'suppressed' });
    expect(run.suppressed).toBeGreaterThanOrEqual(1);
    const stream = await api.store.readStream(alertStream(id));
    expect(stream.map((e) => e.type)).toEqual([
      'AlertRaised',
      'AlertAcknowledged',
      'AlertDismissed',
    ]);
  });

  it('the live feed carries a new alert to a supervisor in scope', async () => {
    const controller = new AbortController();
    const response = await fetch(`${api.base}/api/v1/live?period=2024`, {
      headers: { authorization: `Bearer ${keys.supA}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const alerts: { alertId: string; unitId: string }[] = [];
    let buffer = '';
    let opened = false;
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        opened = true;
        buffer += Buffer.from(value).toString('utf8');
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (lines.includes('event: alert') && data) alerts.push(JSON.parse(data.slice(6)));
        }
      }
    })().catch(() => undefined);
    const waitFor = async (check: () => boolean) => {
      for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(check()).toBe(true);
    };
    await waitFor(() => opened);
    await deadWithFollowUp('r-dead-2');
    const { found } = await afterDeathOf('r-dead-2');
    expect(found?.outcome).toBe('raised');
    await waitFor(() => alerts.some((a) => a.alertId === found!.alertId));
    expect(alerts.find((a) => a.alertId === found!.alertId)).toMatchObject({ unitId: 'centre-a' });
    controller.abort();
  });

  it('an alert about a doctor carries the doctor’s name, in the list and when opened', async () => {
    const followUp = (await api.store.readStream(streamIds.resident('r-dead'))).find(
      (e) => e.type === 'FollowUpRecorded',
    )!;
    const draft = {
      detector: 'workload' as const,
      subject: { kind: 'doctor' as const, id: 'doc-a' },
      period: 2024,
      score: 1,
      severity: 'low' as const,
      explanation: { zh: '医生工作量', en: 'doctor workload' },
      evidence: [followUp.eventId],
    };
    const ctx = {
      store: api.store,
      clock: systemClock,
      actor: OPERATOR.actorId,
      catalog: ALERT_ACTIONS_BY_TYPE,
    };
    expect(await raiseDraft(ctx, draft, 'centre-a', '2024-06-01')).toBe('raised');
    const listed = await api.get('/api/v1/alerts?detector=workload', keys.supA);
    expect(listed.body.alerts.map((a: { subject: unknown }) => a.subject)).toEqual([draft.subject]);
    expect(listed.body.names.doctors).toEqual({ 'doc-a': '王医生' });
    const opened = await api.get(`/api/v1/alerts/${alertId(draft)}`, keys.supA);
    expect(opened.status).toBe(200);
    expect(opened.body.names.doctors).toEqual({ 'doc-a': '王医生' });
  });
});
