import { systemClock } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { startApi, type RunningApi } from '../support/api-app';

/**
 * Migrated records over HTTP: the timeline and the lineage show the source system's recording
 * time beside the ledger's, and `asOf` reads either clock (`asOfBasis`). The records are written
 * as `import --migration` writes them: through the command handler with a source time each.
 */
describe('migrated records in the timeline, lineage and as-of figures', () => {
  let api: RunningApi;
  let n = 0;
  const migrate = (sourceRecordedAt: string, command: Record<string, unknown>) =>
    executeCommand(
      { commandId: `mg-${(n += 1)}`, occurredAt: '2020-01-01', ...command },
      {
        store: api.store,
        clock: systemClock,
        actor: 'operator',
        correlationId: `migration-${'ab'.repeat(32)}`,
        sourceRecordedAt,
      },
    );
  const JAN = '2024-01-02T02:00:00.000Z';

  beforeAll(async () => {
    api = await startApi();
    await migrate(JAN, { type: 'RegisterOrgUnit', unitId: 'hc', name: '环翠区', kind: 'district' });
    await migrate(JAN, {
      type: 'RegisterOrgUnit',
      unitId: 'jy',
      name: 'jy',
      kind: 'community_centre',
      parentId: 'hc',
    });
    await migrate(JAN, { type: 'RegisterDoctor', doctorId: 'd1', unitId: 'jy' });
    for (const residentId of ['r0', 'r1'])
      await migrate(JAN, {
        type: 'RegisterResident',
        residentId,
        birthDate: '1950-01-01',
        sex: 'male',
        unitId: 'jy',
      });
    const checkup = (residentId: string, occurredAt: string) => ({
      type: 'RecordCheckup',
      residentId,
      doctorId: 'd1',
      kind: 'elderly_annual',
      complete: true,
      occurredAt,
    });
    // r0 entered in the old system the day of the visit; r1's May visit entered in September.
    await migrate('2024-03-01T03:00:00.000Z', checkup('r0', '2024-03-01'));
    await migrate('2024-09-01T03:00:00.000Z', checkup('r1', '2024-05-01'));
  });
  afterAll(async () => api?.close());

  const elderly = (body: { rows: { unitId: string; indicatorId: string }[] }) =>
    body.rows.find((r) => r.unitId === 'hc' && r.indicatorId === 'elderly_health_management');

  it('shows the source time beside recordedAt in the timeline', async () => {
    const { status, body } = await api.get('/api/v1/residents/r1/timeline');
    expect(status).toBe(200);
    const visit = body.events.find((e: { type: string }) => e.type === 'CheckupRecorded');
    expect(visit).toMatchObject({ sourceRecordedAt: '2024-09-01T03:00:00.000Z' });
    expect(visit.recordedAt > visit.sourceRecordedAt).toBe(true);
  });

  it('shows it in the lineage evidence too', async () => {
    const { status, body } = await api.get(
      '/api/v1/rates/elderly_health_management/lineage?period=2024&unit=hc&filter=counted',
    );
    expect(status).toBe(200);
    const evidence = body.entries.flatMap((e: { evidence: unknown[] }) => e.evidence);
    expect(evidence).toContainEqual(
      expect.objectContaining({
        type: 'CheckupRecorded',
        sourceRecordedAt: '2024-03-01T03:00:00.000Z',
      }),
    );
  });

  it('answers as of a day by source time: what the old system held then', async () => {
    const now = await api.get('/api/v1/rates?period=2024&unit=hc');
    expect(elderly(now.body)).toMatchObject({ numerator: 2, denominator: 2 });
    const bySource = await api.get(
      '/api/v1/rates?period=2024&unit=hc&asOf=2024-06-30&asOfBasis=source',
    );
    expect(bySource.status).toBe(200);
    expect(bySource.body).toMatchObject({ asOf: '2024-06-30T15:59:59.999Z', asOfBasis: 'source' });
    // r1's May visit was entered only in September.
    expect(elderly(bySource.body)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('by ledger time (the default) nothing migrated today was known on that day', async () => {
    const byLedger = await api.get('/api/v1/rates?period=2024&asOf=2024-06-30&asOfBasis=ledger');
    const byDefault = await api.get('/api/v1/rates?period=2024&asOf=2024-06-30');
    expect(byDefault.status).toBe(byLedger.status);
    expect([byLedger.status, byLedger.body.error]).toEqual([404, 'NO_UNITS']);
  });

  it('refuses an unknown basis', async () => {
    const r = await api.get('/api/v1/rates?period=2024&asOf=2024-06-30&asOfBasis=occurred');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('asOfBasis');
  });
});
