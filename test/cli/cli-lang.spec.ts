import stringWidth from 'string-width';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/** Display columns of the text before `needle` on a line (a Chinese character takes two). */
const columnOf = (line: string, needle: string): number =>
  stringWidth(line.slice(0, line.indexOf(needle)));

/** The numbers of a text in order: what both languages must say alike. */
const numbersIn = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

/**
 * The CLI for people: Chinese by default and English with --lang en (help included), tables that
 * line up whatever mix of Chinese and ASCII their names hold, and replay --diff-now summarised by
 * unit and indicator before any resident.
 */
describe('ledger in Chinese and English', () => {
  const dir = tempDir('ledger-lang');
  const store = `sqlite:${dir.file('ledger.sqlite')}`;
  // Names of every width: all Chinese, all ASCII, and mixed.
  const centres = [
    ['jy', '鲸园社区卫生服务中心'],
    ['lk', 'Lanka clinic'],
    ['wq', '温泉 No.2 站'],
  ];

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
    for (const [c, name] of centres) {
      await run('2024-01-01T02:00:00Z', {
        type: 'RegisterOrgUnit',
        unitId: c,
        name,
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
      await run('2024-03-01T02:00:00Z', {
        type: 'RecordCheckup',
        residentId: `${c}0`,
        doctorId: `d-${c}`,
        kind: 'elderly_annual',
        complete: true,
        occurredAt: '2024-03-01',
      });
    }
    // Recorded after 15 January 2025: the as-of view does not have it yet.
    await run('2025-02-01T02:00:00Z', {
      type: 'RecordCheckup',
      residentId: 'lk1',
      doctorId: 'd-lk',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2024-11-20',
    });
    await ledger.close();
  });
  afterAll(() => dir.remove());

  const replay = (...args: string[]) =>
    runCli(['replay', '--period', '2024', '--store', store, ...args]);

  it('says the same facts in Chinese by default and in English with --lang en', async () => {
    const zh = await replay();
    const en = await replay('--lang', 'en');
    expect([zh.code, en.code]).toEqual([0, 0]);
    expect(zh.stdout).toMatch(/老年人城乡社区规范健康管理服务率\n/);
    expect(zh.stdout).toMatch(/目标/);
    expect(zh.stdout).toMatch(/未达标/);
    expect(zh.stdout).toMatch(/（由 \d+ 条事件重算）/);
    expect(zh.stdout).not.toMatch(/rebuilt|target|behind/);
    expect(en.stdout).toMatch(/Elderly standardised health management\n/);
    expect(en.stdout).toMatch(/\(rebuilt from \d+ events\)/);
    expect(en.stdout).toMatch(/behind/);
    expect(en.stdout).not.toMatch(/未达标|目标/);
    // The same figures in the same order: only the words differ (the indicators' names aside,
    // whose English carries ages such as "65+").
    const figures = (text: string) =>
      numbersIn(
        text
          .split('\n')
          .filter((line) => line.includes(' / '))
          .join('\n'),
      );
    expect(figures(en.stdout)).toEqual(figures(zh.stdout));
    // The option is the program's: accepted before the command's name too.
    const before = await runCli(['--lang', 'en', 'replay', '--period', '2024', '--store', store]);
    expect(before.stdout).toBe(en.stdout);
  });

  it('lines up the rate table whatever mix of Chinese and ASCII the unit names hold', async () => {
    for (const [l, target] of [
      ['zh', '目标'],
      ['en', 'target'],
    ]) {
      const { stdout } = await replay('--lang', l);
      const rows = stdout.split('\n').filter((line) => line.includes(` ${target} `));
      expect(rows.length).toBeGreaterThan(8);
      for (const name of [...centres.map(([, n]) => n), '合计 环翠区'])
        expect(rows.some((r) => r.startsWith(`  ${name} `))).toBe(true);
      // Each column starts at the same display column on every line.
      for (const needle of [' / ', ` ${target} `])
        expect(new Set(rows.map((r) => columnOf(r, needle))).size).toBe(1);
    }
  });

  it('help is in Chinese by default and in English with --lang en; another language is refused', async () => {
    const zh = await runCli(['replay', '--help']);
    expect(zh.stdout).toMatch(/^用法： ledger replay/);
    expect(zh.stdout).toMatch(/从整本账重算全部指标/);
    expect(zh.stdout).toMatch(/选项：/);
    expect(zh.stdout).toMatch(/--lang <lang> +输出语言/);
    const en = await runCli(['replay', '--help', '--lang', 'en']);
    expect(en.stdout).toMatch(/^Usage: ledger replay/);
    expect(en.stdout).toMatch(/rebuild every figure from the whole log/);
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    // Option descriptions start at one display column however wide the words before them.
    const described = zh.stdout.split('\n').filter((line) => /^ {2}-/.test(line));
    const starts = described.map((line) => stringWidth(line.match(/^ {2}\S.*?\s{2,}/)![0]));
    expect(new Set(starts).size).toBe(1);
    const bad = await runCli(['replay', '--period', '2024', '--store', store, '--lang', 'fr']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/须为 zh 或 en \/ must be zh or en/);
  });

  it('replay --diff-now gives the changes by unit and indicator first; residents only with --detail', async () => {
    const summary = await replay('--as-of', '2025-01-15', '--diff-now');
    expect(summary.code).toBe(0);
    const after = summary.stdout.slice(summary.stdout.indexOf('以来的变化（按机构和指标）'));
    const lines = after.split('\n');
    expect(lines[1]).toMatch(/^ {2}机构 +指标 +当时 +现在 +变化居民数$/);
    const changed = lines.filter((line) => line.includes(' → '));
    // The late checkup changed Lanka clinic and the district total, one resident each.
    expect(changed).toEqual([
      expect.stringMatching(
        /^ {2}Lanka clinic +老年人城乡社区规范健康管理服务率 +1\/2 +→ +2\/2 +1$/,
      ),
      expect.stringMatching(
        /^ {2}合计 环翠区 +老年人城乡社区规范健康管理服务率 +3\/6 +→ +4\/6 +1$/,
      ),
    ]);
    expect(new Set(changed.map((r) => columnOf(r, ' → '))).size).toBe(1);
    expect(summary.stdout).not.toMatch(/lk1/);
    expect(summary.stdout).toMatch(/加 --detail/);
    const detail = await replay('--as-of', '2025-01-15', '--diff-now', '--detail');
    const at = (text: string) => detail.stdout.indexOf(text);
    expect(at('lk1')).toBeGreaterThan(at('变化居民数'));
    expect(detail.stdout).toMatch(/现已计入 +lk1 +当时：本年度无老年人体检/);
    expect(detail.stdout).toMatch(
      /#\d+ CheckupRecorded 发生 2024-11-20 记录 2025-02-01T02:00:00.000Z 由 test/,
    );
    const en = await replay('--as-of', '2025-01-15', '--diff-now', '--lang', 'en');
    expect(en.stdout).toMatch(
      /Changes since .*, by unit and indicator:\n {2}unit +indicator +then +now +residents changed\n/,
    );
    const changes = (text: string) =>
      numbersIn(
        text
          .split('\n')
          .filter((line) => line.includes(' → '))
          .map((line) => line.replace(/^.*?(\d+\/\d+ +→)/, '$1'))
          .join('\n'),
      );
    expect(changes(en.stdout)).toEqual(changes(summary.stdout));
  });
});
