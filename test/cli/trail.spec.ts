import stringWidth from 'string-width';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/** The CLI trail of a resident, with corrections and voids, and the read itself recorded. */
describe('ledger trail', () => {
  const dir = tempDir('ledger-trail');
  const store = `sqlite:${dir.file('ledger.sqlite')}`;

  beforeAll(async () => {
    const ledger = new SqliteEventStore({ path: dir.file('ledger.sqlite') });
    const clock = () => new Date();
    let n = 0;
    const run = (command: Record<string, unknown>) =>
      executeCommand(
        { commandId: `t${(n += 1)}`, occurredAt: '2024-01-05', ...command },
        { store: ledger, clock, actor: 'clinic-1' },
      );
    await run({
      type: 'RegisterOrgUnit',
      unitId: 'hc',
      name: '环翠区',
      kind: 'district',
      occurredAt: '2020-01-01',
    });
    await run({
      type: 'RegisterOrgUnit',
      unitId: 'jy',
      name: 'jy',
      kind: 'community_centre',
      parentId: 'hc',
      occurredAt: '2020-01-01',
    });
    await run({ type: 'RegisterDoctor', doctorId: 'd1', unitId: 'jy', occurredAt: '2020-01-01' });
    await run({
      type: 'RegisterResident',
      residentId: 'r1',
      birthDate: '1950-01-01',
      sex: 'female',
      unitId: 'jy',
      occurredAt: '2020-01-01',
    });
    await run({
      type: 'RecordCheckup',
      residentId: 'r1',
      recordId: 'ck1',
      doctorId: 'd1',
      kind: 'elderly_annual',
      complete: true,
      vitals: { systolic: 128, diastolic: 80 },
    });
    await run({
      type: 'CorrectRecord',
      residentId: 'r1',
      recordId: 'ck1',
      reason: '录入错误 typo',
      changes: { vitals: { systolic: 138 } },
    });
    await run({
      type: 'VoidRecord',
      residentId: 'r1',
      recordId: 'ck1',
      reason: 'duplicate of the clinic entry',
    });
    await ledger.close();
  });
  afterAll(() => dir.remove());

  it('lists every event with who, when recorded, when it happened, and the reasons', async () => {
    const result = await runCli(['trail', '--resident', 'r1', '--store', store, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/resident r1 \(unit jy\) — 4 events/);
    expect(result.stdout).toMatch(
      /clinic-1\s+RecordCorrected ck1 · reason: 录入错误 typo · changes: \{"vitals":\{"systolic":138,"diastolic":80\}\}/,
    );
    expect(result.stdout).toMatch(/RecordVoided ck1 · reason: duplicate of the clinic entry/);
    // By default the same trail in Chinese, its columns in line.
    const zh = await runCli(['trail', '--resident', 'r1', '--store', store]);
    expect(zh.stdout).toMatch(/居民 r1（机构 jy）— 4 条事件/);
    expect(zh.stdout).toMatch(/RecordVoided ck1 · 原因: duplicate of the clinic entry/);
    const lines = zh.stdout.trimEnd().split('\n').slice(1);
    expect(lines[0]).toMatch(/^位置 +记录时间 +发生日 +操作人 +事件$/);
    // The event column (its CamelCase type) starts at one display column on every line.
    const eventAt = (line: string) =>
      stringWidth(line.slice(0, line.search(/事件$|\b[A-Z][a-z]+[A-Z]\w* /)));
    expect(new Set(lines.map(eventAt)).size).toBe(1);
    const reads = await runCli(['trail', '--resident', 'r1', '--json', '--store', store]);
    expect(JSON.parse(reads.stdout)).toHaveLength(4);
    const ledger = new SqliteEventStore({ path: dir.file('ledger.sqlite') });
    const logged = await ledger.readStream('reads-r1');
    await ledger.close();
    expect(logged.map((e) => [e.type, e.actor, e.data.what])).toEqual([
      ['ResidentRecordRead', 'operator', 'trail (cli)'],
      ['ResidentRecordRead', 'operator', 'trail (cli)'],
      ['ResidentRecordRead', 'operator', 'trail (cli)'],
    ]);
  });

  it('says so when the resident does not exist', async () => {
    const result = await runCli(['trail', '--resident', 'nobody', '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/resident nobody is not registered/);
  });
});
