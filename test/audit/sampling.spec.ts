import ExcelJS from 'exceljs';
import { startApi, type RunningApi } from '../support/api-app';
import { chinaToday } from '../support/china-day';

/** Samples for home visits over HTTP: reproducible, recorded, exported, and visited. */
describe('sampling for home visits (入户看效果)', () => {
  let api: RunningApi;
  let n = 0;
  // The ledger's day is China's: from 16:00 UTC the UTC date would date visits before the draw.
  const today = chinaToday();
  // Home visits check the last complete year, so no service date can fall after today, even
  // just after New Year in China.
  const year = Number(today.slice(0, 4)) - 1;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `sm-${(n += 1)}`,
    occurredAt: '2020-01-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>, key?: string) => {
    const r = await api.post('/api/v1/commands', body, key);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r;
  };
  let asOf: string;
  const draw = (sampleId: string, over: Record<string, unknown> = {}) =>
    api.post('/api/v1/samples', {
      sampleId,
      indicator: 'elderly_health_management',
      unitId: 'hc',
      period: year,
      size: 5,
      seed: 'field-2024',
      asOf,
      ...over,
    });

  beforeAll(async () => {
    api = await startApi();
    await ok(cmd('RegisterOrgUnit', { unitId: 'hc', name: '环翠区', kind: 'district' }));
    for (const c of ['jy', 'zd']) {
      await ok(
        cmd('RegisterOrgUnit', {
          unitId: c,
          name: `${c}中心`,
          kind: 'community_centre',
          parentId: 'hc',
        }),
      );
      await ok(cmd('RegisterDoctor', { doctorId: `d-${c}`, unitId: c }));
      for (let i = 0; i < 10; i += 1) {
        await ok(
          cmd('RegisterResident', {
            residentId: `${c}-${i}`,
            birthDate: '1950-01-01',
            sex: 'male',
            unitId: c,
            householdId: `h-${c}-${i}`,
          }),
        );
        if (i < 6)
          await ok(
            cmd('RecordCheckup', {
              residentId: `${c}-${i}`,
              doctorId: `d-${c}`,
              kind: 'elderly_annual',
              complete: true,
              occurredAt: `${year}-01-01`,
            }),
          );
      }
    }
    await new Promise((r) => setTimeout(r, 5));
    asOf = new Date().toISOString();
  });
  afterAll(async () => api?.close());

  it('draws every k-th counted resident and records the seed and the residents', async () => {
    const r = await draw('s-1');
    expect(r.status).toBe(201);
    expect(r.body.sample).toMatchObject({
      sampleId: 's-1',
      populationSize: 12,
      interval: 12 / 5,
      seed: 'field-2024',
      asOf,
    });
    expect(r.body.sample.residents).toHaveLength(5);
    const [event] = await api.store.readStream('sample-s-1');
    expect(event).toMatchObject({
      type: 'SampleDrawn',
      data: { seed: 'field-2024', residents: r.body.sample.residents },
    });
  });

  it('is reproducible: the same population and seed give the same residents, and the redraw shows in the log', async () => {
    const first = (await api.get('/api/v1/samples/s-1')).body.sample;
    await ok(
      cmd('RecordCheckup', {
        residentId: 'jy-7',
        doctorId: 'd-jy',
        kind: 'elderly_annual',
        complete: true,
        occurredAt: `${year}-01-02`,
      }),
    );
    const again = await draw('s-1-redraw');
    expect(again.body.sample.residents).toEqual(first.residents);
    expect(again.body.sample.populationDigest).toBe(first.populationDigest);
    const moved = await draw('s-1-now', { asOf: undefined, seed: 'field-2024' });
    expect(moved.body.sample.populationSize).toBe(13);
  });

  it('refuses a second draw under the same sample id', async () => {
    const r = await draw('s-1', { commandId: 'another-attempt', seed: 'better-luck' });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('SAMPLE_ALREADY_DRAWN');
    expect(await api.store.readStream('sample-s-1')).toHaveLength(1);
  });

  it('generates and records a seed when none is given', async () => {
    const r = await draw('s-2', { seed: undefined });
    expect(r.body.sample.seed).toMatch(/^[0-9a-f]{16}$/);
  });

  it('exports the sample as xlsx and csv for field teams (ids only for an auditor)', async () => {
    const auditor = (await api.keyFor(['auditor'])).key;
    const response = await fetch(`${api.base}/api/v1/samples/s-1/export?format=xlsx`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    // A title row: the sample, its unit by name, the year, when exported (China time).
    expect(String(sheet.getCell(1, 1).value)).toMatch(
      new RegExp(
        `^环翠区 ${year} 年入户核查样本 s-1（elderly_health_management，5 人，导出于北京时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}） / 环翠区 home-visit sample s-1 for ${year}`,
      ),
    );
    // The header moved down to row 2, with the unit's name before its id.
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '样本编号 Sample id',
      '居民编号 Resident id',
      '机构 Unit',
      '机构编号 Unit id',
      '户编号 Household id',
      '指标 Indicator',
      '抽取依据 Why drawn',
      '核查结果 Result',
      '备注 Note',
    ]);
    // Title, header, five residents, the total.
    expect(sheet.rowCount).toBe(8);
    const sample = (await api.get('/api/v1/samples/s-1')).body.sample;
    const row = sheet.getRow(3).values as unknown[];
    expect(row.slice(1, 7)).toEqual([
      's-1',
      sample.residents[0].residentId,
      `${sample.residents[0].unitId}中心`,
      sample.residents[0].unitId,
      `h-${sample.residents[0].residentId}`,
      'elderly_health_management',
    ]);
    expect(String(row[7])).toContain('seed=field-2024');
    expect(row[8] ?? '').toBe('');
    const perUnit = new Map<string, number>();
    for (const r of sample.residents as { unitId: string }[])
      perUnit.set(r.unitId, (perUnit.get(r.unitId) ?? 0) + 1);
    const total = sheet.getRow(8);
    expect(total.font?.bold).toBe(true);
    expect((total.values as unknown[]).slice(1, 4)).toEqual([
      '合计 Total',
      '5 人 residents',
      [...perUnit].map(([unitId, count]) => `${unitId}中心 ${count}`).join('，'),
    ]);
    const csv = await api.get('/api/v1/samples/s-1/export?format=csv', auditor);
    expect(csv.body.split('\n')[0]).toContain(
      'sample_id,resident_id,unit_id,household_id,indicator,why_drawn,result,note',
    );
  });

  it('shows name, address and phone to a supervisor in scope, each a recorded read', async () => {
    const sample = (await api.get('/api/v1/samples/s-1')).body.sample;
    const drawn = sample.residents as { residentId: string }[];
    for (const { residentId } of drawn)
      await ok(
        cmd('CorrectResidentIdentity', {
          residentId,
          identity: { name: `居民${residentId}`, address: `${residentId}号`, phone: '13800000003' },
          occurredAt: today,
        }),
      );
    const supervisor = (await api.keyFor(['supervisor'], 'hc')).key;
    const response = await fetch(`${api.base}/api/v1/samples/s-1/export?format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(2).values as unknown[]).slice(5, 9)).toEqual([
      '户编号 Household id',
      '姓名 Name',
      '住址 Address',
      '电话 Phone',
    ]);
    const first = drawn[0].residentId;
    expect((sheet.getRow(3).values as unknown[]).slice(2, 9)).toEqual([
      first,
      `${sample.residents[0].unitId}中心`,
      sample.residents[0].unitId,
      `h-${first}`,
      `居民${first}`,
      `${first}号`,
      '13800000003',
    ]);
    const csv = await api.get('/api/v1/samples/s-1/export?format=csv', supervisor);
    expect(csv.body.split('\n')[0]).toContain('household_id,name,address,phone,indicator');
    const reads = (await api.get(`/api/v1/audit/reads?residentId=${first}`)).body.reads as {
      what: string;
    }[];
    expect(reads.filter((r) => r.what === 'identity in sample s-1')).toHaveLength(2);
  });

  it("gives a home-visit team its sample's people, an auditor ids only until granted the team's role", async () => {
    const sheetOf = async (key: string) => {
      const response = await fetch(`${api.base}/api/v1/samples/s-1/export?format=xlsx`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      return workbook.worksheets[0];
    };
    const first = (await api.get('/api/v1/samples/s-1')).body.sample.residents[0]
      .residentId as string;
    const readsBefore = (await api.get(`/api/v1/audit/reads?residentId=${first}`)).body.reads
      .length as number;
    const team = await api.keyFor(['field_team'], 'hc');
    const withNames = await sheetOf(team.key);
    expect(withNames.getRow(2).values).toContain('姓名 Name');
    expect(withNames.getRow(3).values).toContain(`居民${first}`);
    // The team's key reads the sheet and nothing else of the audit.
    expect((await api.get('/api/v1/samples/s-1', team.key)).status).toBe(403);
    expect((await api.get(`/api/v1/residents/${first}/identity`, team.key)).status).toBe(403);

    const auditor = await api.keyFor(['auditor'], 'hc');
    const idsOnly = await sheetOf(auditor.key);
    expect(idsOnly.getRow(2).values).not.toContain('姓名 Name');
    expect(JSON.stringify(idsOnly.getRow(3).values)).not.toContain(`居民${first}`);
    // An admin hands out only roles it holds itself.
    const admin = await api.keyFor(['admin', 'field_team']);
    const granted = await api.post(
      `/api/v1/actors/${auditor.actorId}/roles`,
      { roles: ['field_team'] },
      admin.key,
    );
    expect(granted.status).toBe(201);
    expect((await sheetOf(auditor.key)).getRow(3).values).toContain(`居民${first}`);

    // Each sheet with names was a recorded read of each resident on it; the ids-only one was not.
    const reads = (await api.get(`/api/v1/audit/reads?residentId=${first}`)).body.reads as {
      what: string;
    }[];
    expect(reads.length - readsBefore).toBe(2);
  });

  it('records field results and summarises them per unit', async () => {
    const field = await api.keyFor(['auditor']);
    const residents = (await api.get('/api/v1/samples/s-1')).body.sample.residents as {
      residentId: string;
    }[];
    const results = ['confirmed', 'confirmed', 'not_found', 'service_denied'];
    for (const [i, result] of results.entries()) {
      await ok(
        cmd('RecordVerificationVisit', {
          sampleId: 's-1',
          residentId: residents[i].residentId,
          result,
          occurredAt: today,
        }),
        field.key,
      );
    }
    const twice = await api.post(
      '/api/v1/commands',
      cmd('RecordVerificationVisit', {
        sampleId: 's-1',
        residentId: residents[0].residentId,
        result: 'not_found',
        occurredAt: today,
      }),
      field.key,
    );
    expect(twice.body.error).toBe('VISIT_ALREADY_RECORDED');
    const outside = await api.post(
      '/api/v1/commands',
      cmd('RecordVerificationVisit', {
        sampleId: 's-1',
        residentId: 'nobody',
        result: 'confirmed',
        occurredAt: today,
      }),
      field.key,
    );
    expect(outside.body.error).toBe('RESIDENT_NOT_IN_SAMPLE');
    const { body } = await api.get('/api/v1/samples/s-1');
    const total = body.summary.find((s: { unitId: string }) => s.unitId === '*');
    expect(total).toEqual({
      unitId: '*',
      drawn: 5,
      visited: 4,
      confirmed: 2,
      confirmedRate: 0.5,
      notFound: 1,
      denied: 1,
    });
    expect(
      body.summary
        .filter((s: { unitId: string }) => s.unitId !== '*')
        .reduce((a: number, s: { drawn: number }) => a + s.drawn, 0),
    ).toBe(5);
    const recorder = await api.keyFor(['recorder'], 'jy');
    expect(
      (
        await api.post(
          '/api/v1/commands',
          cmd('RecordVerificationVisit', {
            sampleId: 's-1',
            residentId: residents[4].residentId,
            result: 'confirmed',
            occurredAt: today,
          }),
          recorder.key,
        )
      ).status,
    ).toBe(403);
  });
});
