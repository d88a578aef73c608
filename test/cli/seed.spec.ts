import { readFileSync } from 'node:fs';
import { SqliteEventStore } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import { chinaYear } from '../support/china-day';

/** `ledger seed` writes a synthetic district year through the command handler, reproducibly. */
describe('ledger seed', () => {
  const dir = tempDir('ledger-seed');
  const store = dir.file('seed.sqlite');
  afterAll(() => dir.remove());

  let seeded: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    seeded = await runCli([
      'seed',
      '--scale',
      'small',
      '--year',
      '2024',
      '--seed',
      '7',
      '--store',
      `sqlite:${store}`,
    ]);
  }, 120_000);

  it('applies every command with no refusal', () => {
    expect(seeded.stderr).not.toMatch(/REFUSED/);
    expect(seeded.code).toBe(0);
    // Said in Chinese by default.
    const [, commands, events, refused] =
      /seed: ([\d,]+) 条命令，追加 ([\d,]+) 条事件，.*被拒 ([\d,]+)，/.exec(seeded.stdout)!;
    expect(refused).toBe('0');
    expect(Number(events.replace(/,/g, ''))).toBeGreaterThan(5_000);
    expect(events).toBe(commands);
    expect(seeded.stdout).toMatch(/每秒 [\d,]+ 条事件/);
  });

  it('leaves a log that verify finds intact', async () => {
    const result = await runCli(['verify', '--store', `sqlite:${store}`]);
    expect(result.stdout).toMatch(/verify: 完好/);
    expect(result.code).toBe(0);
  });

  it('marks every event synthetic and stamps the simulated ledger time, in order', async () => {
    const log = new SqliteEventStore({ path: store });
    try {
      const events = await log.readAll();
      expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['synthetic-seed']));
      expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set(['seed-7-small']));
      const china = (iso: string) =>
        new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
      for (let i = 1; i < events.length; i += 1)
        expect(events[i].recordedAt >= events[i - 1].recordedAt).toBe(true);
      for (const e of events) expect(e.occurredAt.slice(0, 10) <= china(e.recordedAt)).toBe(true);
      expect(events[0].recordedAt.startsWith('2024-01-01')).toBe(true);
      expect(events[events.length - 1].recordedAt < '2025-02-01').toBe(true);
    } finally {
      await log.close();
    }
  });

  it('refuses to run again on its own store, naming the events there, and writes nothing', async () => {
    const log = new SqliteEventStore({ path: store });
    const before = await log.headPosition();
    const total = (await log.readAll()).length;
    await log.close();
    // Another year under the same seed and scale has the same correlation id: until this was
    // refused it "resumed" and half-applied a second district year on top of the first.
    for (const year of ['2024', '2023']) {
      const again = await runCli([
        'seed',
        '--scale',
        'small',
        '--year',
        year,
        '--seed',
        '7',
        '--store',
        `sqlite:${store}`,
      ]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(
        `this store already holds ${total.toLocaleString('en-US')} event(s) and nothing was written`,
      );
      expect(again.stderr).toContain(`该库已有 ${total.toLocaleString('en-US')} 条事件`);
      expect(again.stdout).not.toMatch(/events appended/);
    }
    const after = new SqliteEventStore({ path: store });
    try {
      expect(await after.headPosition()).toBe(before);
    } finally {
      await after.close();
    }
  }, 120_000);

  it('refuses a store that holds other events (exit 2, bilingual, with the count)', async () => {
    const other = dir.file('other.sqlite');
    const log = new SqliteEventStore({ path: other });
    await log.append(
      'resident-x',
      [{ type: 'ResidentDied', occurredAt: '2024-01-05', data: { residentId: 'x' } }],
      { expectedRevision: 'no_stream', actor: 'clinic' },
    );
    await log.close();
    const result = await runCli(['seed', '--store', `sqlite:${other}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /种子数据只写入空库：该库已有 1 条事件.* \/ seed writes only into an empty store: this store already holds 1 event\(s\) and nothing was written/,
    );
    const reopened = new SqliteEventStore({ path: other });
    try {
      expect(await reopened.headPosition()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('emits the same NDJSON twice for the same seed, commands only', async () => {
    const a = dir.file('a.ndjson');
    const b = dir.file('b.ndjson');
    const first = await runCli([
      'seed',
      '--scale',
      'small',
      '--seed',
      '7',
      '--emit',
      a,
      '--lang',
      'en',
    ]);
    const second = await runCli(['seed', '--scale', 'small', '--seed', '7', '--emit', b]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const lines = text.trimEnd().split('\n');
    expect(first.stdout).toContain(`wrote ${lines.length.toLocaleString('en-US')} commands`);
    const command = JSON.parse(lines[lines.length - 1]);
    expect(Object.keys(command).slice(0, 3)).toEqual(['type', 'commandId', 'occurredAt']);
    expect(lines.some((l) => /recordedAt/i.test(l))).toBe(false);
  });

  it('refuses a year that is not over yet, clearly', async () => {
    // The current year in China, as the seed's calendar and a shifted test clock count it.
    const year = chinaYear();
    const result = await runCli([
      'seed',
      '--year',
      String(year),
      '--emit',
      dir.file('never.ndjson'),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(new RegExp(`${year} has not ended yet`));
  });
});
