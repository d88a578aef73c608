import { readFileSync, writeFileSync } from 'node:fs';
import { SqliteEventStore, type RecordedEvent } from '@libs/ledger';
import { syntheticIdNumber } from '../../libs/records/src/testing/id-numbers';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * One person registered twice (重复建档): refused at the door by a plain import, kept by a
 * migration and then raised by the duplicate-registration detector with both registrations as
 * evidence. Matching is by the keyed hash in the events; no ID number is in the log.
 */
describe('duplicate registrations through import', () => {
  const dir = tempDir('duplicate-registration');
  const year = 2024;
  const idNumber = syntheticIdNumber('1950-04-01', 'female');
  const lines = [
    {
      type: 'RegisterOrgUnit',
      commandId: 'u-d',
      unitId: 'huancui',
      name: '环翠区',
      kind: 'district',
      occurredAt: '2020-01-01',
    },
    {
      type: 'RegisterOrgUnit',
      commandId: 'u-a',
      unitId: 'jingyuan',
      name: '鲸园',
      kind: 'community_centre',
      parentId: 'huancui',
      occurredAt: '2020-01-01',
    },
    {
      type: 'RegisterOrgUnit',
      commandId: 'u-b',
      unitId: 'zhangcun',
      name: '张村',
      kind: 'community_centre',
      parentId: 'huancui',
      occurredAt: '2020-01-01',
    },
    ...[
      ['r-a', 'jingyuan', idNumber],
      // The same number with a lower-case check character, at another centre.
      ['r-b', 'zhangcun', `${idNumber.slice(0, 17)}${idNumber[17].toLowerCase()}`],
    ].map(([residentId, unitId, id]) => ({
      type: 'RegisterResident',
      commandId: `reg-${residentId}`,
      residentId,
      birthDate: '1950-04-01',
      sex: 'female',
      unitId,
      occurredAt: `${year}-03-01`,
      identity: { name: '王秀英', idNumber: id },
      // When the old system recorded it: what makes a line a migrated record (decision 0013).
      sourceRecordedAt: `${year}-03-01T09:00:00+08:00`,
    })),
  ];
  const file = dir.file('roll.ndjson');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  // The same roll without source times, as a clinic would send it live.
  const live = dir.file('live.ndjson');
  writeFileSync(
    live,
    lines
      .map(({ sourceRecordedAt: _s, ...l }: Record<string, unknown>) => JSON.stringify(l))
      .join('\n') + '\n',
  );
  afterAll(() => dir.remove());

  const eventsOf = async (path: string): Promise<RecordedEvent[]> => {
    const store = new SqliteEventStore({ path });
    try {
      return await store.readAll();
    } finally {
      await store.close();
    }
  };

  it('a plain import refuses the second registration, naming the first resident', async () => {
    const store = dir.file('plain.sqlite');
    const run = await runCli(['import', live, '--store', `sqlite:${store}`]);
    expect(run.code).toBe(1);
    const rejects = readFileSync(`${live}.rejects.ndjson`, 'utf8');
    expect(rejects).toContain('DUPLICATE_ID_NUMBER');
    expect(rejects).toContain('r-a');
    expect((await eventsOf(store)).some((e) => e.streamId === 'resident-r-b')).toBe(false);
  });

  it('a migration keeps both and detection raises 重复建档 with both registrations as evidence', async () => {
    const store = dir.file('migrated.sqlite');
    const env = { LEDGER_STORE: `sqlite:${store}` };
    const run = await runCli(['import', file, '--migration', '--source', '旧公卫系统'], env);
    expect({ code: run.code, err: run.stderr }).toMatchObject({ code: 0 });
    const detect = await runCli(['detect', '--period', String(year), '--json'], env);
    expect(detect.code).toBe(0);
    const events = await eventsOf(store);
    const registrations = events
      .filter((e) => e.type === 'ResidentRegistered')
      .map((e) => e.eventId);
    const alerts = events.filter(
      (e) => e.type === 'AlertRaised' && e.data.detector === 'duplicate-registration',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].data).toMatchObject({
      subject: { kind: 'resident', id: 'r-b' },
      explanation: { zh: expect.stringContaining('重复建档') },
    });
    expect([...(alerts[0].data.evidence as string[])].sort()).toEqual([...registrations].sort());
    const log = readFileSync(store);
    expect(log.includes(Buffer.from(idNumber, 'utf8'))).toBe(false);
  });
});
