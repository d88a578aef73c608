import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/** replay and export rebuild from the whole log; the xlsx is opened and checked cell by cell. */
describe('ledger replay and export', () => {
  const dir = tempDir('ledger-replay');
  const store = `sqlite:${dir.file('ledger.sqlite')}`;

  beforeAll(async () => {
    let now = new Date('2024-01-01T02:00:00Z');
    const ledger = new SqliteEventStore({ path: dir.file('ledger.sqlite'), clock: () => now });
    let n = 0;
    const run = async (at: string, command: Record<string, unknown>) => {
      now = new Date(at);
      await executeCommand(
        { commandId: `c${(n += 1)}`, occurredAt: '2020-01-01', ...command },
        { store: ledger, clock: () => now, actor: 'test' },
      );
    };
    await run('2024-01-01T02:00:00Z', {
      type: 'RegisterOrgUnit',
      unitId: 'hc',
      name: '环翠区',
      kind: 'district',
    });
    for (const c of ['jy', 'zd']) {
      await run('2024-01-01T02:00:00Z', {
        type: 'RegisterOrgUnit',
        unitId: c,
        name: c === 'jy' ? '鲸园社区卫生服务中心' : '竹岛社区卫生服务中心',
        kind: 'community_centre',
        parentId: 'hc',
      });
      await run('2024-01-01T02:00:00Z', { type: 'RegisterDoctor', doctorId: `d-${c}`, unitId: c });
      for (let i = 0; i < 2; i += 1)
        await run('2024-01-01T02:00:00Z', {
          type: 'RegisterResident',
          residentId: `${c}${i}`,
          birthDate: '1950-01-01',
          sex: 'male',
          unitId: c,
        });
    }
    await run('2024-03-01T02:00:00Z', {
      type: 'RecordCheckup',
      residentId: 'jy0',
      doctorId: 'd-jy',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2024-03-01',
    });
    // Recorded late: after 15 January 2025.
    await run('2025-02-01T02:00:00Z', {
      type: 'RecordCheckup',
      residentId: 'zd0',
      doctorId: 'd-zd',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2024-11-20',
    });
    await ledger.close();
  });
  afterAll(() => dir.remove());

  it('replay prints the rate table from a full rebuild, now and as of a date', async () => {
    const now = await runCli(['replay', '--period', '2024', '--json', '--store', store]);
    expect(now.code).toBe(0);
    const table = JSON.parse(now.stdout);
    const total = table.rows.find((r: { total: boolean }) => r.total);
    expect(total.cells.elderly_health_management).toMatchObject({
      numerator: 2,
      denominator: 4,
      rate: 0.5,
    });
    const then = JSON.parse(
      (
        await runCli([
          'replay',
          '--period',
          '2024',
          '--as-of',
          '2025-01-15',
          '--json',
          '--store',
          store,
        ])
      ).stdout,
    );
    expect(
      then.rows.find((r: { total: boolean }) => r.total).cells.elderly_health_management,
    ).toMatchObject({ numerator: 1, denominator: 4 });
    const text = await runCli(['replay', '--period', '2024', '--store', store, '--lang', 'en']);
    expect(text.stdout).toMatch(/Elderly standardised health management/);
    expect(text.stdout).toMatch(/rebuilt from \d+ events/);
  });

  it('replay --diff-now shows what changed since the as-of view, and the events behind it', async () => {
    const result = await runCli([
      'replay',
      '--period',
      '2024',
      '--as-of',
      '2025-01-15',
      '--diff-now',
      '--json',
      '--store',
      store,
    ]);
    const change = JSON.parse(result.stdout).changesSince.find(
      (c: { indicatorId: string }) => c.indicatorId === 'elderly_health_management',
    );
    expect(change).toMatchObject({
      then: { numerator: 1, denominator: 4 },
      now: { numerator: 2, denominator: 4 },
    });
    expect(change.residents).toEqual([
      expect.objectContaining({
        residentId: 'zd0',
        change: 'now_counted',
        reasonThen: expect.objectContaining({ en: 'no elderly checkup this year' }),
      }),
    ]);
    expect(
      change.residents[0].events.map((e: { type: string; actor: string }) => [e.type, e.actor]),
    ).toEqual([['CheckupRecorded', 'test']]);
    const text = await runCli([
      'replay',
      '--period',
      '2024',
      '--as-of',
      '2025-01-15',
      '--diff-now',
      '--detail',
      '--store',
      store,
      '--lang',
      'en',
    ]);
    expect(text.stdout).toMatch(/\(elderly_health_management\): 1\/4 → 2\/4/);
    expect(text.stdout).toMatch(/now counted\s+zd0\s+then: no elderly checkup this year/);
    expect(text.stdout).toMatch(/#\d+ CheckupRecorded occurred 2024-11-20 .* by test/);
    const missing = await runCli([
      'replay',
      '--period',
      '2024',
      '--diff-now',
      '--store',
      store,
      '--lang',
      'en',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--diff-now needs --as-of/);
  });

  it('export writes an xlsx laid out like the evaluation attachment', async () => {
    const out = dir.file('evaluation.xlsx');
    const result = await runCli([
      'export',
      '--period',
      '2024',
      '--format',
      'xlsx',
      '--out',
      out,
      '--store',
      store,
    ]);
    expect(result.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toMatch(/环翠区 2024 年/);
    const headers = Array.from(sheet.getRow(3).values as unknown[], (v) => String(v ?? ''));
    const col = headers.findIndex((h) => h.startsWith('老年人城乡社区规范健康管理服务率'));
    // The service category heads its indicators' columns.
    expect(sheet.getRow(2).getCell(col).value).toBe('老年人健康管理 Elderly health management');
    expect(sheet.getRow(4).getCell(col + 1).value).toBe('完成数 Count');
    const units = [5, 6, 7].map((r) => sheet.getRow(r).getCell(1).value);
    expect(units).toEqual(['鲸园社区卫生服务中心', '竹岛社区卫生服务中心', '合计 环翠区']);
    // target, count, denominator, rate for the total row
    expect([0, 1, 2, 3].map((k) => sheet.getRow(7).getCell(col + k).value)).toEqual([
      0.64, 2, 4, 0.5,
    ]);
    expect(sheet.getRow(7).font?.bold).toBe(true);
  });

  it('export writes csv too, and refuses an unknown format clearly', async () => {
    const out = dir.file('evaluation.csv');
    expect(
      (
        await runCli([
          'export',
          '--period',
          '2024',
          '--format',
          'csv',
          '--out',
          out,
          '--store',
          store,
        ])
      ).code,
    ).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toMatch(
      /hc,合计 环翠区,elderly_health_management,老年人城乡社区规范健康管理服务率,0.64,2,4,0.5,behind/,
    );
    const bad = await runCli([
      'export',
      '--period',
      '2024',
      '--format',
      'pdf',
      '--out',
      out,
      '--store',
      store,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/取值 'pdf' 无效，可选值：xlsx、csv/);
  });
});
