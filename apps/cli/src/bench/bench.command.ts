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
import { messages } from '../text/lang';

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
  const T = messages({
    zh: {
      description: '在本机按目标测量账本，并与同类存储对照；写出 docs/benchmarks.md',
      quick: '在 1% 规模的区上冒烟运行几秒（不改文档）',
      lines: '只导入年度文件的前 N 行（默认：全部）',
      cache: '区年度文件和对照存储安装的缓存文件夹，供下次运行复用',
      refreshCache: '重新生成区年度文件（并计时 seed --emit）',
      doc: `表格写往的 markdown 文件（默认：${DEFAULT_DOC}）`,
      noSeed: '跳过 seed --scale district（需数分钟）',
      noPeer: '跳过 Emmett 的 SQLite 事件存储',
      seconds: '每个计时追加循环的时长（默认 5 秒）',
      httpSeconds: '每次 HTTP 负载的时长（默认 10 秒）',
      events: '每种存储批量追加的事件数',
      batch: '每次批量追加的事件数（默认 100）',
      deliveries: '由另一进程追加并计时到送达的次数',
      after: `\n测得的数字、表格和文档都是英文（docs/benchmarks.md 供工程师对照）。${HELP_AFTER}`,
    },
    en: {
      description:
        'measure the ledger on this machine against its targets and a peer store; writes docs/benchmarks.md',
      quick: 'smoke run of a few seconds on the 1 % district (docs left alone)',
      lines: 'import only the first N lines of the year (default: all)',
      cache: 'where the district file and the peer install are kept between runs',
      refreshCache: 'generate the district file again (and time seed --emit)',
      doc: `where the markdown table goes (default: ${DEFAULT_DOC})`,
      noSeed: 'skip seed --scale district (minutes)',
      noPeer: "skip Emmett's SQLite event store",
      seconds: 'length of each timed append loop (default 5)',
      httpSeconds: 'length of each HTTP load (default 10)',
      events: 'events appended in batches, per store',
      batch: 'events per batched append (default 100)',
      deliveries: 'appends from another process timed until delivery',
      after: HELP_AFTER,
    },
  });
  return new Command('bench')
    .description(T.description)
    .option('--quick', T.quick)
    .option('--lines <n>', T.lines, positiveInt)
    .option('--cache <dir>', T.cache)
    .option('--refresh-cache', T.refreshCache)
    .option('--doc <file>', T.doc)
    .option('--no-seed', T.noSeed)
    .option('--no-peer', T.noPeer)
    .option('--seconds <s>', T.seconds, positiveNumber)
    .option('--http-seconds <s>', T.httpSeconds, positiveNumber)
    .option('--events <n>', T.events, positiveInt)
    .option('--batch <n>', T.batch, positiveInt)
    .option('--deliveries <n>', T.deliveries, positiveInt)
    .addHelpText('after', T.after)
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
