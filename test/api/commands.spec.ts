import { startApi, type RunningApi } from '../support/api-app';

/** POST /api/v1/commands over real HTTP on loopback: each error class and the idempotent repeat. */
describe('POST /api/v1/commands', () => {
  let api: RunningApi;
  const send = (body: unknown, key?: string) => api.post('/api/v1/commands', body, key);
  const ok = async (body: Record<string, unknown>) => {
    const response = await send(body);
    if (response.status !== 201)
      throw new Error(`${body.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    api = await startApi();
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
    await ok({
      type: 'RegisterDoctor',
      commandId: 'doc-1',
      doctorId: 'd1',
      unitId: 'jingyuan',
      occurredAt: '2020-01-01',
    });
    await ok({
      type: 'RegisterResident',
      commandId: 'res-1',
      residentId: 'r1',
      birthDate: '1950-04-01',
      sex: 'female',
      unitId: 'jingyuan',
      occurredAt: '2020-02-01',
    });
    await ok({
      type: 'EnrollChronicCare',
      commandId: 'enr-1',
      residentId: 'r1',
      condition: 'hypertension',
      occurredAt: '2024-01-10',
    });
  });
  afterAll(async () => api?.close());

  const followUp = (over: Record<string, unknown> = {}) => ({
    type: 'RecordFollowUp',
    commandId: 'fu-1',
    residentId: 'r1',
    doctorId: 'd1',
    condition: 'hypertension',
    mode: 'face_to_face_clinic',
    occurredAt: '2024-03-05',
    systolic: 132,
    diastolic: 84,
    ...over,
  });

  it('201: appends and answers with the events, their positions and hashes', async () => {
    const { body } = await ok(followUp());
    expect(body).toMatchObject({
      commandId: 'fu-1',
      type: 'RecordFollowUp',
      streamId: 'resident-r1',
      duplicate: false,
    });
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ type: 'FollowUpRecorded', revision: 2 });
    expect(body.events[0].position).toBeGreaterThan(0);
    expect(body.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('200: a repeated commandId appends nothing and returns the original result', async () => {
    const health = await api.get('/health');
    // Same command, fields in another order and an expectedRevision refreshed by the sender.
    const { systolic, ...rest } = followUp();
    const repeat = await send({ expectedRevision: 2, systolic, ...rest });
    expect(repeat.status).toBe(200);
    expect(repeat.body.duplicate).toBe(true);
    expect(repeat.body.streamId).toBe('resident-r1');
    expect(repeat.body.events[0]).toMatchObject({ type: 'FollowUpRecorded', revision: 2 });
    expect((await api.get('/health')).body.headPosition).toBe(health.body.headPosition);
  });

  describe('a commandId names one command, forever', () => {
    const head = async () => (await api.get('/health')).body.headPosition as number;

    it('409 COMMAND_ID_REUSED: same id, other content on the same stream; nothing appended', async () => {
      const before = await head();
      const reused = await send(followUp({ systolic: 150 }));
      expect(reused.status).toBe(409);
      expect(reused.body.error).toBe('COMMAND_ID_REUSED');
      expect(reused.body.message.en).toContain('fu-1');
      expect(reused.body.message.zh).toContain('fu-1');
      // Nothing of the first command: no events, ids, positions or hashes.
      expect(reused.body.events).toBeUndefined();
      expect(JSON.stringify(reused.body)).not.toMatch(/[0-9a-f]{64}/);
      expect(await head()).toBe(before);
    });

    it("409: another unit's command id reused for another resident leaks nothing of it", async () => {
      await ok({
        type: 'RegisterOrgUnit',
        commandId: 'u-c2',
        unitId: 'huangshan',
        name: '皇冠社区卫生服务中心',
        kind: 'community_centre',
        parentId: 'huancui',
        occurredAt: '2020-01-01',
      });
      const other = await api.keyFor(['recorder'], 'huangshan');
      const before = await head();
      // The jingyuan enrolment's id, sent by a huangshan recorder for a huangshan resident.
      const pre = await send(
        {
          type: 'RegisterResident',
          commandId: 'enr-1',
          residentId: 'h1',
          birthDate: '1951-04-01',
          sex: 'male',
          unitId: 'huangshan',
          occurredAt: '2020-02-01',
        },
        other.key,
      );
      expect(pre.status).toBe(409);
      expect(pre.body.error).toBe('COMMAND_ID_REUSED');
      expect(JSON.stringify(pre.body)).not.toContain('resident-r1');
      expect(JSON.stringify(pre.body)).not.toMatch(/[0-9a-f]{64}/);
      expect(await head()).toBe(before);
    });

    it('the answer names the stream its events are on', async () => {
      const { body } = await ok({
        type: 'RegisterResident',
        commandId: 'res-stream',
        residentId: 'r-stream',
        birthDate: '1952-04-01',
        sex: 'female',
        unitId: 'jingyuan',
        occurredAt: '2020-02-01',
      });
      expect(body.streamId).toBe('resident-r-stream');
      const timeline = await api.get('/api/v1/residents/r-stream/timeline');
      const positions = timeline.body.events.map((e: { position: number }) => e.position);
      expect(body.events.map((e: { position: number }) => e.position)).toEqual(positions);
    });
  });

  it('201: concurrent commands on one stream without expectedRevision never answer 409', async () => {
    await ok({
      type: 'RegisterResident',
      commandId: 'res-race',
      residentId: 'r-race',
      birthDate: '1950-04-01',
      sex: 'male',
      unitId: 'jingyuan',
      occurredAt: '2020-02-01',
    });
    await ok({
      type: 'EnrollChronicCare',
      commandId: 'enr-race',
      residentId: 'r-race',
      condition: 'hypertension',
      occurredAt: '2024-01-10',
    });
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        send(
          followUp({
            residentId: 'r-race',
            commandId: `race-${i}`,
            occurredAt: `2024-07-${String(i + 1).padStart(2, '0')}`,
          }),
        ),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    const revisions = replies.map((r) => r.body.events[0].revision as number);
    expect(new Set(revisions).size).toBe(16);
  });

  it('400: lists every bad field, in English and Chinese', async () => {
    const { status, body } = await send(
      followUp({
        commandId: 'fu-bad',
        residentId: undefined,
        systolic: 'abc',
        mode: 'fax',
        nickname: 'x',
      }),
    );
    expect(status).toBe(400);
    expect(body.error).toBe('VALIDATION_FAILED');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['mode', 'nickname', 'residentId', 'systolic']);
    for (const e of body.errors) {
      expect(e.en).toEqual(expect.any(String));
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const about = (field: string) => body.errors.find((e: { field: string }) => e.field === field);
    // Missing is "required", with the field's Chinese label beside its name.
    expect(about('residentId')).toMatchObject({
      constraint: 'isDefined',
      en: 'residentId is required',
      zh: '居民编号 residentId：必填',
    });
    // A value outside the list: the allowed values in both languages.
    expect(about('mode').en).toMatch(/face_to_face_clinic, face_to_face_home, phone/);
    expect(about('mode').zh).toBe(
      '随访方式 mode：须为以下之一：face_to_face_clinic（门诊）、face_to_face_home（家庭）、phone（电话）',
    );
    expect(about('systolic').zh).toBe('收缩压 systolic：须为数字');
  });

  it('400: an unknown command type and malformed JSON are named as such', async () => {
    const unknown = await send({ type: 'RecordHaircut', commandId: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'type', constraint: 'unknownCommand' });
    // The commands there are, in both languages.
    for (const text of [unknown.body.errors[0].en, unknown.body.errors[0].zh]) {
      expect(text).toMatch(/RecordFollowUp/);
      expect(text).toMatch(/SignContract/);
    }
    const malformed = await send('{"type": "RecordFollowUp",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('MALFORMED_JSON');
    expect(malformed.body.message.zh).toMatch(/JSON/);
  });

  it('422: a business rule refuses, with its code and both languages', async () => {
    const { status, body } = await send(followUp({ commandId: 'fu-high', systolic: 320 }));
    expect(status).toBe(422);
    expect(body.error).toBe('VITALS_OUT_OF_RANGE');
    expect(body.message.zh).toMatch(/收缩压/);
    expect(body.message.en).toMatch(/systolic 320/);
  });

  it('409: a rule conflict with existing records', async () => {
    const { status, body } = await send({
      type: 'RegisterResident',
      commandId: 'res-again',
      residentId: 'r1',
      birthDate: '1950-04-01',
      sex: 'female',
      unitId: 'jingyuan',
      occurredAt: '2020-02-01',
    });
    expect(status).toBe(409);
    expect(body.error).toBe('RESIDENT_ALREADY_REGISTERED');
  });

  it('409: a stale expectedRevision is a revision conflict', async () => {
    const { status, body } = await send(
      followUp({ commandId: 'fu-stale', recordId: 'fu-stale', expectedRevision: 1 }),
    );
    expect(status).toBe(409);
    expect(body.error).toBe('WRONG_EXPECTED_REVISION');
    expect(body.details).toMatchObject({ streamId: 'resident-r1', expected: 1, actual: 2 });
  });

  it('404: an unknown resident', async () => {
    const { status, body } = await send(followUp({ commandId: 'fu-nobody', residentId: 'nobody' }));
    expect(status).toBe(404);
    expect(body.error).toBe('RESIDENT_NOT_FOUND');
  });

  it('a voided enrolment stops counting: the next follow-up is refused', async () => {
    await ok({
      type: 'RegisterResident',
      commandId: 'res-2',
      residentId: 'r2',
      birthDate: '1948-01-01',
      sex: 'male',
      unitId: 'jingyuan',
      occurredAt: '2020-02-01',
    });
    await ok({
      type: 'EnrollChronicCare',
      commandId: 'enr-2',
      recordId: 'enr-2',
      residentId: 'r2',
      condition: 'hypertension',
      occurredAt: '2024-01-10',
    });
    await ok({
      type: 'VoidRecord',
      commandId: 'void-2',
      residentId: 'r2',
      recordId: 'enr-2',
      reason: '误录入 entered for the wrong resident',
      occurredAt: '2024-02-01',
    });
    const { status, body } = await send(followUp({ commandId: 'fu-r2', residentId: 'r2' }));
    expect(status).toBe(422);
    expect(body.error).toBe('NOT_ENROLLED');
  });

  it('documents every command in OpenAPI at /api/docs', async () => {
    const { body } = await api.get('/api/docs-json');
    const documented = Object.keys(body.components.schemas);
    const { publicActions } = await import('@libs/commands');
    const types = publicActions().map((a) => a.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'RecordFollowUp',
        'VoidRecord',
        'SubmitAggregateReport',
        'DrawSample',
        'OpenHealthRecord',
        'ReviewHealthRecord',
        'RegisterMentalDisorderPatient',
        'RecordMentalHealthFollowUp',
        'RecordChildTcmGuidance',
        'RegisterTuberculosisPatient',
        'RecordTbFirstVisit',
        'RecordTbMedication',
        'RecordTbFollowUp',
        'RecordTbTreatmentEnd',
        'RecordNewbornVisit',
        'RecordChildCheckup',
        'IssueVaccinationCertificate',
        'RecordVaccineDose',
        'RegisterPregnancy',
        'RecordAntenatalCheck',
        'RecordDelivery',
        'RecordPostpartumVisit',
        'RecordPostpartumCheck',
        'RecordHealthEducationActivity',
        'RecordInfectiousDiseaseCase',
        'RecordHealthSupervisionReport',
        'CorrectResidentIdentity',
        'EraseResidentIdentity',
      ]),
    );
    expect(types.length).toBe(55);
    for (const type of types) expect(documented).toContain(type);
    expect(body.paths['/api/v1/commands'].post.requestBody).toBeDefined();
    expect((await fetch(`${api.base}/api/docs`)).status).toBe(200);
  });
});
