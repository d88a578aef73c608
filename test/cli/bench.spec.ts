import { existsSync, readFileSync } from 'node:fs';
import { runCli, type CliResult } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * `ledger bench --quick` end to end on scratch files: every row of the table is there and holds a
 * positive figure. No timing is asserted here: speed is the bench's business, and a busy machine
 * must not fail a test.
 */
describe('ledger bench --quick', () => {
  const dir = tempDir('ledger-bench-spec');
  const doc = dir.file('benchmarks.md');
  afterAll(() => dir.remove());

  let run: CliResult;
  let rows: Map<string, { result: string; verdict: string }>;
  beforeAll(async () => {
    // --no-peer: the peer's first install takes minutes and needs the registry.
    run = await runCli([
      'bench',
      '--quick',
      '--no-peer',
      '--cache',
      dir.file('cache'),
      '--doc',
      doc,
    ]);
    rows = new Map();
    if (!existsSync(doc)) return;
    for (const line of readFileSync(doc, 'utf8').split('\n')) {
      const cells = line.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
      if (cells.length === 6) rows.set(cells[1], { result: cells[2], verdict: cells[4] });
    }
  }, 240_000);

  // The first figure standing as a word: "p50 2.21 ms" gives 2.21, not the 50 of p50.
  const firstNumber = (text: string): number =>
    Number(/(?:^|\s)(\d[\d,]*(?:\.\d+)?)/.exec(text)?.[1].replace(/,/g, ''));

  it('exits 0, prints the table and writes it as markdown with the machine', () => {
    expect(run.stderr).not.toMatch(/Error:|TypeError/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Raw limits of this machine/);
    expect(run.stdout).toMatch(/HTTP commands/);
    const text = readFileSync(doc, 'utf8');
    expect(text).toMatch(/\| cores \| \d+ \|/);
    expect(text).toMatch(/\| Node\.js \| v\d+/);
    expect(text).toMatch(/npm run bench -- --quick/);
    // The report is committed: no path of the machine that ran it.
    expect(text).not.toContain(dir.path);
  });

  it.each([
    "one-row transactions, each fsync'd (WAL, synchronous=FULL)",
    'hash-chained inserts in one transaction',
    'of which: the event hash alone, no database',
    'read + JSON.parse + SHA-256 re-hash of stored rows',
    'import, durable (synchronous=FULL)',
    'import, durable (synchronous=FULL): peak RSS',
    'import --fast (synchronous=NORMAL)',
    'import --fast (synchronous=NORMAL): peak RSS',
    'seed --scale small into a store',
    'seed --scale small --emit (commands only, no store)',
    '1 connection: commands acknowledged',
    '1 connection: latency',
    '32 connections: commands acknowledged',
    '32 connections: latency',
    'ledger: single appends, one at a time',
    'ledger: single appends, 32 in flight',
    'ledger: batched appends (100 events per append)',
    'append in another process → delivered here',
    'district rates',
    "the district's 10-day progress",
    'a lineage page (50 residents)',
    'the xlsx export',
    'live feed: command acknowledged → delta at each of 100 subscribers',
    'live feed: size of a delta',
    'API restart on the same store: first answer of the district rates',
    'ledger rebuild, every hash checked, 1 thread',
    'ledger rebuild, every hash checked, 2 worker threads',
  ])('has a positive figure for %s', (measure) => {
    const row = rows.get(measure);
    expect(row).toBeDefined();
    expect(row!.result).not.toMatch(/^error/);
    expect(firstNumber(row!.result)).toBeGreaterThan(0);
  });

  it('counts the non-2xx answers at both connection counts', () => {
    for (const measure of ['1 connection: non-2xx answers', '32 connections: non-2xx answers']) {
      expect(firstNumber(rows.get(measure)?.result ?? '')).toBeGreaterThanOrEqual(0);
    }
  });

  it('says the peer was skipped rather than inventing a figure', () => {
    expect(rows.get('Emmett SQLite 0.38.5: peer')?.result).toBe('skipped: --no-peer');
  });
});
