import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import {
  type BenchOptions,
  DEFAULT_DOC,
  describeRun,
  planFrom,
  positiveInt,
  positiveNumber,
} from './bench-options';
import { markdownReport, terminalTable, writeReport } from './bench-report';
import { type BenchRow, failedRow } from './bench-row';
import {
  type Context,
  appendRows,
  deliveryRows,
  emitRow,
  httpRows,
  readsRows,
  rebuildRows,
  importRows,
  rawLimitRows,
  seedRows,
} from './bench-sections';
import { detectRows } from './detect-rows';
import { districtFile } from './district-file';
import { describeMachine, load } from './machine';

export { benchAppendCommand } from './delivery-delay';

const HELP_AFTER = `
One run measures, side by side on this machine: the raw SQLite limits (fsync'd one-row
transactions, hash-chained inserts, read + re-hash), import of a district year (durable and
--fast, lines/s and peak RSS), seed, HTTP commands at 1 and 32 connections against the real API
(autocannon), single and batched appends through the store, Emmett's SQLite event store doing the
same appends, and cross-process delivery. It prints one table and writes it to ${DEFAULT_DOC}.

Everything runs on scratch files, never on your store. The district year (seed --emit, ~290 MB)
and the peer's install are cached in --cache (default: the system temp folder's
ledger-bench-cache), so a second run reuses them. A full run takes tens of minutes at today's
speed; --lines N imports only the first N lines, and the table says which was run.`;

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'measure the ledger on this machine against its targets and a peer store; writes docs/benchmarks.md',
    )
    .option('--quick', 'smoke run of a few seconds on the 1 % district (docs left alone)')
    .option('--lines <n>', 'import only the first N lines of the year (default: all)', positiveInt)
    .option('--cache <dir>', 'where the district file and the peer install are kept between runs')
    .option('--refresh-cache', 'generate the district file again (and time seed --emit)')
    .option('--doc <file>', `where the markdown table goes (default: ${DEFAULT_DOC})`)
    .option('--no-seed', 'skip seed --scale district (minutes)')
    .option('--no-peer', "skip Emmett's SQLite event store")
    .option('--seconds <s>', 'length of each timed append loop (default 5)', positiveNumber)
    .option('--http-seconds <s>', 'length of each HTTP load (default 10)', positiveNumber)
    .option('--events <n>', 'events appended in batches, per store', positiveInt)
    .option('--batch <n>', 'events per batched append (default 100)', positiveInt)
    .option('--deliveries <n>', 'appends from another process timed until delivery', positiveInt)
    .addHelpText('after', HELP_AFTER)
    .action((o: BenchOptions) => runBench(o));
}

async function runBench(options: BenchOptions): Promise<void> {
  const plan = planFrom(options);
  const scratch = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const context: Context = { plan, scratch, log };
  const machine = describeMachine(scratch);
  const rows: BenchRow[] = [];
  try {
    rows.push(...rawLimitRows(context));
    rows.push(...(await appendRows(context)));
    rows.push(...(await deliveryRows(context)));
    let file;
    try {
      file = await districtFile({
        cache: plan.cache,
        scratch,
        scale: plan.scale,
        lines: plan.lines,
        refresh: plan.refreshCache,
        log,
      });
    } catch (error) {
      rows.push(failedRow('Import of a district year', `the ${plan.scale} year's file`, error));
    }
    if (file) {
      rows.push(emitRow(file));
      const imported = await importRows(context, file);
      rows.push(...imported.rows);
      rows.push(...(await httpRows(context, imported.durableStore, file)));
      // The district store is large; it goes as soon as the HTTP load is done with it.
      if (imported.durableStore)
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${imported.durableStore}${suffix}`, { force: true });
    }
    // The seeded district (recorded through its year by the seed's clock) is what the read side
    // is measured on: the import's store was recorded today, so no past checkpoint shows anything.
    rows.push(
      ...(await seedRows(context, async (store) => [
        ...(await readsRows(context, store, plan.scale)),
        ...(await rebuildRows(context, store)),
        ...(await detectRows(context, store)),
      ])),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  machine.loadAfter = load();
  process.stdout.write(await terminalTable(rows, machine));
  if (plan.doc) {
    const doc = resolve(plan.doc);
    writeReport(doc, markdownReport(rows, machine, describeRun(plan, options)));
    log(`bench: table written to ${plan.doc}`);
  }
}
