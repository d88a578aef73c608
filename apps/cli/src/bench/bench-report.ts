import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type BenchRow, SECTIONS } from './bench-row';
import type { Machine } from './machine';

const ordered = (rows: BenchRow[]): BenchRow[] =>
  SECTIONS.flatMap((section) => rows.filter((r) => r.section === section));

/** The table for the terminal (cli-table3 measures CJK and other wide text by display width). */
export async function terminalTable(rows: BenchRow[], machine: Machine): Promise<string> {
  // Loaded here, not at the top: the bench's tools are devDependencies, the CLI is not.
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: ['Measure', 'Result', 'Target', 'Verdict', 'Note'],
    colWidths: [38, 30, 18, 16, 46],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const section of SECTIONS) {
    const inSection = rows.filter((r) => r.section === section);
    if (inSection.length === 0) continue;
    table.push([{ colSpan: 5, content: section }]);
    for (const r of inSection)
      table.push([r.measure, r.result, r.target ?? '', r.verdict ?? '', r.note ?? '']);
  }
  return `${machineLine(machine)}\n${table.toString()}\n`;
}

const machineLine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.diskFreeGiB.toFixed(0)} GiB disk free, ` +
  `Node.js ${m.node}, SQLite ${m.sqlite}, ${m.date}; load average ${m.loadBefore} before, ${m.loadAfter ?? '?'} after`;

const cell = (text: string | undefined): string =>
  (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownReport(rows: BenchRow[], machine: Machine, run: string): string {
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (apps/cli/src/bench); every figure below was measured in the one run`,
    `described here, on this machine. Run it again to replace this file.`,
    '',
    '| Machine | |',
    '| --- | --- |',
    `| CPU | ${cell(machine.cpu)} |`,
    `| cores | ${machine.cores} |`,
    `| RAM | ${machine.ramGiB.toFixed(1)} GiB |`,
    `| disk free (scratch folder's file system) | ${machine.diskFreeGiB.toFixed(0)} GiB |`,
    `| Node.js | ${machine.node} |`,
    `| SQLite (better-sqlite3) | ${machine.sqlite} |`,
    `| date | ${machine.date} |`,
    `| load average (1 / 5 / 15 min) before, after | ${machine.loadBefore}; ${machine.loadAfter ?? '?'} |`,
    `| command | \`${run}\` |`,
    '',
    '| Section | Measure | Result | Target | Verdict | Note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...ordered(rows).map(
      (r) =>
        `| ${cell(r.section)} | ${cell(r.measure)} | ${cell(r.result)} | ${cell(r.target)} | ${cell(r.verdict)} | ${cell(r.note)} |`,
    ),
    '',
    '## How each figure is taken',
    '',
    ...METHOD.map((m) => `- ${m}`),
    '',
  ];
  return lines.join('\n');
}

const METHOD = [
  'Raw limits: plain better-sqlite3 on a scratch file, WAL and synchronous=FULL as the store uses. ' +
    'One-row transactions are committed one by one for a fixed time; the chained inserts compute ' +
    "the ledger's event hash (SHA-256 over the previous hash and RFC 8785 canonical JSON) and " +
    'log-chain link for each row in one transaction; the read figure reads those rows back, parses ' +
    'their data and recomputes every hash.',
  'Import: `ledger import FILE --store sqlite:… --json` (and `--fast`) into a fresh store, as a ' +
    'child process; lines/s is lines read over the wall time from spawn to exit, start-up ' +
    "included. Peak RSS is the child's own getrusage maximum, written by it at exit. The file is " +
    '`seed --scale district --year 2024 --seed 1 --emit`, kept in the bench cache between runs.',
  'Seed: `ledger seed --scale district --year 2024` into a fresh store, as a child process, wall time.',
  'Rebuild: `ledger rebuild --threads 1` and `--threads 2` on the seeded store after the reads, as ' +
    'child processes, events over the wall time from spawn to exit, beside the raw read + ' +
    'JSON.parse + SHA-256 rate of the same run.',
  'Detection: `ledger detect --period 2024 --json` on the seeded store after the rebuild, as a ' +
    "child process: wall time from spawn to exit (the log read, every detector run), the child's " +
    'peak RSS, and the alerts it found, every one false since the seeded district is clean.',
  'HTTP: the built API (`node dist/apps/api/src/main.js`) on 127.0.0.1 with the store the durable ' +
    'import filled, driven by autocannon from the bench process (same machine, same cores). Each ' +
    'request is a new RecordFollowUp by a recorder key of the district for an enrolled resident. ' +
    "Load starts after the API's projection has caught up, its kept figures are built, and a " +
    'warm-up that is not counted. ' +
    'Commands/s counts 2xx answers only; non-2xx and unanswered requests are reported beside them.',
  'Reads: the built API started on the store `seed --scale …` just filled (its events recorded ' +
    "through the year by the seed's clock, so checkpoints and past dates have something to show; " +
    'first start, no saved figures), ' +
    'with a key of a supervisor, auditor and finance officer of the district. The district rates ' +
    'are asked once as soon as the model has read the log (the kept figures are still being built: ' +
    'evaluated), then, once /health says the year is kept, each read twice (first call, again) on ' +
    'the district as the unit. The live feed: 100 SSE connections on the district, then 20 ' +
    'RegisterResident commands 250 ms apart (each changes the district figures); each delta is ' +
    "timed from the command's 2xx answer to its arrival at every subscriber, and /health is polled " +
    'every 20 ms meanwhile. After the live feed the API is stopped (SIGTERM: it saves its kept ' +
    'figures) and started again on the same store, timed from spawn to the first 200 answer of the ' +
    'district rates.',
  'Appends: the store API directly on a scratch file, one event per append to a new stream. ' +
    'The peer, Emmett, gets the same events through its own appendToStream, with its defaults. ' +
    'The two take turns in three slices each, so a change in the load of the machine falls on ' +
    'both; a peer append that fails is counted and named in its row, never timed as a success.',
  'Load: the load averages before and after show other work sharing the machine. Figures bound ' +
    'by fsync (one-row transactions, single appends, the durable import, HTTP) move the most with ' +
    'it; read each against the raw limits of the same run.',
  'Delivery: another process appends 1 event every 7–11 ms; a subscription in the bench process ' +
    'times each event from its recordedAt to its delivery.',
];

export function writeReport(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
