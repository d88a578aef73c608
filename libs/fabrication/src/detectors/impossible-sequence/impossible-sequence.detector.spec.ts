import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { fx } from '@libs/indicators/testing/ledger-fixture';
import { scanForDetection } from '../../alerts/detection-scan';
import { impossibleSequenceDetector } from './impossible-sequence.detector';

/**
 * A real ledger (in-memory SQLite, the real deciders): a tuberculosis patient whose first visit
 * the old system dated before the hospital's notification, brought over by a migration; and the
 * near-misses — the same visit on the notification's day, and an out-of-sequence visit typed in
 * live (refused at the door, so never in the ledger).
 */
describe('impossible-sequence: records whose dates cannot be true together', () => {
  let now = new Date('2024-01-01T00:00:00Z');
  const clock = () => now;
  const store = new SqliteEventStore({ path: ':memory:', clock });
  let n = 0;
  const run = async (at: string, command: Record<string, unknown>, sourceRecordedAt?: string) => {
    now = new Date(at);
    return executeCommand(
      { commandId: `c-${(n += 1)}`, ...command },
      { store, clock, actor: 'test', ...(sourceRecordedAt ? { sourceRecordedAt } : {}) },
    );
  };
  const notify = (residentId: string, on: string, sourceRecordedAt?: string) =>
    run(
      `${on}T03:00:00Z`,
      {
        type: 'RegisterTuberculosisPatient',
        residentId,
        doctorId: 'd1',
        treatmentStart: on,
        regimen: 'initial',
        dosing: 'daily',
        occurredAt: on,
      },
      sourceRecordedAt,
    );
  const visit = (residentId: string, on: string, at: string, sourceRecordedAt?: string) =>
    run(
      at,
      {
        type: 'RecordTbFirstVisit',
        residentId,
        doctorId: 'd1',
        supervisor: 'family_member',
        occurredAt: on,
      },
      sourceRecordedAt,
    );

  beforeAll(async () => {
    for (const c of [fx.district(), fx.centre(), fx.team(), fx.doctor()])
      await run('2024-01-01T00:00:00Z', c);
    for (const id of ['tb-early', 'tb-same-day', 'tb-live', 'mother'])
      await run('2024-01-01T00:00:00Z', fx.resident(id, '1994-05-05'));
    // Migrated from the old system: notified on 10 March, "visited" on 8 March.
    await notify('tb-early', '2024-03-10', '2024-03-10T09:00:00+08:00');
    await visit('tb-early', '2024-03-08', '2024-06-01T00:00:00Z', '2024-03-12T09:00:00+08:00');
    // Near-miss: migrated, visited on the notification's day.
    await notify('tb-same-day', '2024-03-10', '2024-03-10T09:00:00+08:00');
    await visit('tb-same-day', '2024-03-10', '2024-06-01T00:00:00Z', '2024-03-10T15:00:00+08:00');
    // A child born 10 May, home on the 14th: the old system has the newborn visit on the 12th,
    // and the second hepatitis B dose on 9 June, a day before the child was one month old.
    await run('2024-05-17T03:00:00Z', {
      ...fx.resident('child', '2024-05-10'),
      occurredAt: '2024-05-17',
    });
    const migrated = (at: string, command: Record<string, unknown>, source: string) =>
      run(at, { doctorId: 'd1', ...command }, source);
    await migrated(
      '2024-06-20T00:00:00Z',
      {
        type: 'RecordNewbornVisit',
        residentId: 'child',
        dischargedOn: '2024-05-14',
        eyeExamined: true,
        occurredAt: '2024-05-12',
      },
      '2024-05-12T16:00:00+08:00',
    );
    for (const [dose, day] of [
      [1, '2024-05-10'],
      [2, '2024-06-09'],
    ] as const)
      await migrated(
        '2024-06-20T00:00:00Z',
        {
          type: 'RecordVaccineDose',
          residentId: 'child',
          vaccine: 'HepB',
          dose,
          lotNumber: 'L1',
          manufacturer: 'M',
          site: 'right_upper_arm',
          occurredAt: day,
        },
        `${day}T16:00:00+08:00`,
      );
    // A mother delivered on 10 May; the old system dates her 42-day check on 1 May.
    await migrated(
      '2024-06-20T00:00:00Z',
      {
        type: 'RegisterPregnancy',
        residentId: 'mother',
        gestationalWeek: 10,
        occurredAt: '2023-10-01',
      },
      '2023-10-01T10:00:00+08:00',
    );
    await migrated(
      '2024-06-20T00:00:00Z',
      {
        type: 'RecordDelivery',
        residentId: 'mother',
        recordId: 'mother-d',
        place: 'hospital',
        liveBirths: [{ childId: 'child-2', sex: 'female', birthWeightGrams: 3100 }],
        stillbirths: 0,
        dischargeDate: '2024-05-12',
        occurredAt: '2024-05-10',
      },
      '2024-05-12T10:00:00+08:00',
    );
    await migrated(
      '2024-06-20T00:00:00Z',
      { type: 'RecordPostpartumCheck', residentId: 'mother', occurredAt: '2024-05-01' },
      '2024-05-01T10:00:00+08:00',
    );
    // Typed in live, out of sequence: refused, so nothing to detect.
    await notify('tb-live', '2024-04-10');
    await expect(visit('tb-live', '2024-04-08', '2024-04-12T03:00:00Z')).rejects.toMatchObject({
      code: 'TB_RECORD_BEFORE_NOTIFICATION',
    });
  });
  afterAll(() => store.close());

  it('finds the migrated visit dated before the notification, with its event, and nothing else', async () => {
    const scan = await scanForDetection(store, { period: 2024, today: '2024-12-31' });
    // Only residents with a migrated or corrected sequenced record are read at all.
    expect([...scan.input.view.sequenceSuspects].sort()).toEqual([
      'child',
      'mother',
      'tb-early',
      'tb-same-day',
    ]);
    const alerts = impossibleSequenceDetector.detect(scan.input);
    expect(alerts.map((x) => x.subject.id).sort()).toEqual(['child', 'mother', 'tb-early']);
    const a = alerts.find((x) => x.subject.id === 'tb-early')!;
    expect(a.subject).toEqual({ kind: 'resident', id: 'tb-early' });
    expect(a.severity).toBe('medium');
    expect(a.explanation.zh).toContain('2024-03-08 早于医院通知日期 2024-03-10');
    expect(a.explanation.en).toContain('dated 2024-03-08, before the hospital');
    const events = await store.readStream('resident-tb-early');
    const visitEvent = events.find((e) => e.type === 'TbFirstVisitRecorded')!;
    expect(a.evidence).toEqual([visitEvent.eventId]);
  });

  it("finds a child's visit before the discharge and a dose before its minimum age, and a 42-day check before the delivery", async () => {
    const scan = await scanForDetection(store, { period: 2024, today: '2024-12-31' });
    const alerts = impossibleSequenceDetector.detect(scan.input);
    const child = alerts.find((x) => x.subject.id === 'child')!;
    expect(child.score).toBe(2);
    expect(child.explanation.en).toContain('newborn visit dated before the discharge');
    expect(child.explanation.en).toMatch(/HepB 2/);
    const events = await store.readStream('resident-child');
    const ids = (type: string) => events.filter((e) => e.type === type).map((e) => e.eventId);
    // The first dose was on time: only the visit and the second dose are the evidence.
    expect(child.evidence.sort()).toEqual(
      [...ids('NewbornVisitRecorded'), ids('VaccineDoseRecorded')[1]].sort(),
    );
    const mother = alerts.find((x) => x.subject.id === 'mother')!;
    expect(mother.score).toBe(1);
    expect(mother.explanation.zh).toContain('产后42天健康检查日期 2024-05-01 不可能');
  });

  it('judges only the records of the period asked for', async () => {
    const scan = await scanForDetection(store, { period: 2023, today: '2024-12-31' });
    expect(impossibleSequenceDetector.detect(scan.input)).toEqual([]);
  });
});
