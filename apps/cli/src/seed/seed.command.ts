import { createWriteStream, openSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ledgerCatalog } from '@libs/commands';
import { LedgerError, type StoreLocation, parseStoreLocation } from '@libs/ledger';
import {
  FIRST_SEED_YEAR,
  type GeneratedSeed,
  INJECT_PATTERNS,
  type Injection,
  SCALES,
  type Scale,
  generateSeed,
  latestSeedYear,
  parseInjection,
  seedCorrelationId,
} from '@libs/synthetic';
import { withStoreOption } from '../store-option';
import { messages } from '../text/lang';
import { type SeedReport, openSeedStore, seedDistrict } from '@libs/synthetic';
import { formatDuration, progressReporter } from './seed-progress';

/** Exit status when the generator produced commands the rules refused: a bug to fix, not data. */
export const EXIT_REFUSED = 1;

interface SeedOptions {
  scale: Scale;
  year: number;
  seed: number;
  emit?: string;
  emitSourceTimes?: boolean;
  store?: string;
  inject: Injection[];
  truth?: string;
}

const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > 0xffff_ffff)
    throw new InvalidArgumentError(
      '须为 0 到 4294967295 的整数 / must be a whole number from 0 to 4294967295',
    );
  return n;
};

/** The year must be over, late entries included, so no record is dated in the future. */
const pastYear = (value: string): number => {
  const year = wholeNumber(value);
  const latest = latestSeedYear(new Date());
  if (year < FIRST_SEED_YEAR)
    throw new InvalidArgumentError(
      `模拟从 ${FIRST_SEED_YEAR} 年开始 / the seed starts in ${FIRST_SEED_YEAR}`,
    );
  if (year > latest)
    throw new InvalidArgumentError(
      `${year} 年尚未结束（补录截至 ${year + 1} 年 1 月 31 日），今天最晚可用 ${latest} 年 / ` +
        `${year} has not ended yet, counting its late entries up to 31 January ${year + 1}; the latest year possible today is ${latest}`,
    );
  return year;
};

const injection = (value: string, previous: Injection[]): Injection[] => {
  try {
    const next = parseInjection(value);
    return [...previous.filter((i) => i.pattern !== next.pattern), next];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

/** The planted ground truth goes beside the emitted file or the SQLite store unless --truth names it. */
function truthFile(o: SeedOptions, location?: StoreLocation): string {
  if (o.truth) return o.truth;
  if (o.emit) return `${o.emit}.truth.jsonl`;
  if (location?.kind === 'sqlite' && location.path !== ':memory:')
    return `${location.path}.truth.jsonl`;
  throw new SeedEmitError(
    '--inject into this store needs --truth <file> for the planted cases',
    '向此存储注入（--inject）须用 --truth <文件> 指定植入案例的记录文件',
  );
}

function writeTruth(generated: Pick<GeneratedSeed, 'planted'>, file: string): void {
  try {
    writeFileSync(file, generated.planted.map((c) => `${JSON.stringify(c)}\n`).join(''));
  } catch (error) {
    throw new SeedEmitError(
      `cannot write ${file}: ${(error as Error).message}`,
      `无法写入 ${file}：${(error as Error).message}`,
    );
  }
  const byPattern = new Map<string, number>();
  for (const c of generated.planted) byPattern.set(c.pattern, (byPattern.get(c.pattern) ?? 0) + 1);
  process.stdout.write(
    `${texts().planted(count(generated.planted.length), [...byPattern].map(([p, n]) => `${p} ${n}`).join(', '), file)}\n`,
  );
}

const count = (n: number) => n.toLocaleString('en-US');

const texts = () =>
  messages({
    zh: {
      describe: (o: SeedOptions) => `${o.scale}，${o.year} 年，种子 ${o.seed}`,
      planted: (n: string, byPattern: string, file: string) =>
        `seed: 预置 ${n} 个案例（${byPattern || '无'}），已写入 ${file}`,
      refused: (f: SeedReport['refusals'][number]) =>
        `seed: 被拒 ${f.type} ${f.commandId}：${f.code}：${f.message}`,
      moreRefused: (n: number) => `seed: … 另有 ${n} 条被拒`,
      report: (r: SeedReport, o: SeedOptions, describe: string) =>
        `seed: ${count(r.commands)} 条命令，追加 ${count(r.eventsAppended)} 条事件，已存在 ${count(r.duplicates)}，` +
        `被拒 ${count(r.refused)}，每秒 ${count(Math.round(r.eventsPerSecond))} 条事件，` +
        `生成用时 ${formatDuration(r.generateMs)}，写入用时 ${formatDuration(r.applyMs)}（${describe}；操作人 synthetic-seed，关联编号 ${seedCorrelationId(o)}）`,
      description: '通过命令处理器写入环翠区一个模拟年度（2024 年目标），操作人记为 synthetic-seed',
      scale: 'small 约 4,800 名居民（1%），district 为 478,600 名',
      year: '模拟的年度；须已结束',
      seed: '随机种子：同一种子生成逐字节相同的命令',
      emit: '把命令按记录顺序写成 NDJSON，而不写入账本',
      emitSourceTimes:
        '与 --emit 同用：每行带 sourceRecordedAt（模拟的记录时间），供 `import --migration` 使用',
      inject: `在符合条件的对象中按比例预置一种造假模式（可重复）：${INJECT_PATTERNS.join(', ')}`,
      truth: '预置案例写到哪里，每行一个 JSON 对象（默认：<emit 文件或 SQLite 账本>.truth.jsonl）',
      wrote: (n: string, file: string, took: string, describe: string) =>
        `seed: 已把 ${n} 条命令写入 ${file}，用时 ${took}（${describe}）`,
      generated: (n: string, residents: string, describe: string) =>
        `seed: 已为 ${residents} 名居民生成 ${n} 条命令（${describe}）`,
    },
    en: {
      describe: (o: SeedOptions) => `${o.scale}, year ${o.year}, seed ${o.seed}`,
      planted: (n: string, byPattern: string, file: string) =>
        `seed: planted ${n} case(s) (${byPattern || 'none'}) written to ${file}`,
      refused: (f: SeedReport['refusals'][number]) =>
        `seed: REFUSED ${f.type} ${f.commandId}: ${f.code}: ${f.message}`,
      moreRefused: (n: number) => `seed: … and ${n} more refusals`,
      report: (r: SeedReport, o: SeedOptions, describe: string) =>
        `seed: ${count(r.commands)} commands, ${count(r.eventsAppended)} events appended, ${count(r.duplicates)} already present, ` +
        `${count(r.refused)} refused, ${count(Math.round(r.eventsPerSecond))} events/s, ` +
        `generated in ${formatDuration(r.generateMs)}, applied in ${formatDuration(r.applyMs)} (${describe}; actor synthetic-seed, correlation ${seedCorrelationId(o)})`,
      description:
        'write a synthetic year of Huancui district (2024 targets) through the command handler, marked actor synthetic-seed',
      scale: 'small ≈ 4,800 residents (1%), district = 478,600',
      year: 'the simulated year; it must be over',
      seed: 'random seed: the same seed gives the same commands, byte for byte',
      emit: 'write the commands as NDJSON in recorded order instead of applying them',
      emitSourceTimes:
        'with --emit: each line carries sourceRecordedAt, the simulated recording time, for `import --migration`',
      inject: `plant a fabrication pattern in a fraction of its eligible subjects (repeatable): ${INJECT_PATTERNS.join(', ')}`,
      truth:
        'where the planted cases go, one JSON object a line (default: <emit file or SQLite store>.truth.jsonl)',
      wrote: (n: string, file: string, took: string, describe: string) =>
        `seed: wrote ${n} commands to ${file} in ${took} (${describe})`,
      generated: (n: string, residents: string, describe: string) =>
        `seed: generated ${n} commands for ${residents} residents (${describe})`,
    },
  });

/** The --emit file cannot be written. */
export class SeedEmitError extends LedgerError {
  readonly code = 'SEED_EMIT_FAILED';
  /** Printed before the English by default (text/error-line.ts). */
  constructor(
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

function openForWriting(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (error) {
    throw new SeedEmitError(
      `cannot write ${file}: ${(error as Error).message}`,
      `无法写入 ${file}：${(error as Error).message}`,
    );
  }
}

/**
 * The line with the moment the simulated clinic recorded it, as a migration file carries it:
 * appended to the JSON object as text, so a district year costs no parse and no re-stringify.
 */
const withSourceTime = (json: string, recordedAt: number): string =>
  `${json.slice(0, -1)},"sourceRecordedAt":"${new Date(recordedAt).toISOString()}"}`;

async function emitCommands(
  generated: GeneratedSeed,
  file: string,
  sourceTimes: boolean,
): Promise<void> {
  const out = createWriteStream(file, { fd: openForWriting(file) });
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(chunk.join(''))) await once(out, 'drain');
    chunk = [];
  };
  for (const { json, recordedAt } of generated.commands()) {
    chunk.push(`${sourceTimes ? withSourceTime(json, recordedAt) : json}\n`);
    if (chunk.length >= 10_000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
}

function printReport(r: SeedReport, o: SeedOptions): void {
  const T = texts();
  for (const f of r.refusals) process.stderr.write(`${T.refused(f)}\n`);
  if (r.refused > r.refusals.length)
    process.stderr.write(`${T.moreRefused(r.refused - r.refusals.length)}\n`);
  process.stdout.write(`${T.report(r, o, T.describe(o))}\n`);
}

export function seedCommand(): Command {
  const T = texts();
  return withStoreOption(new Command('seed'))
    .description(T.description)
    .addOption(new Option('--scale <scale>', T.scale).choices(Object.keys(SCALES)).default('small'))
    .option('--year <year>', T.year, pastYear, 2024)
    .option('--seed <n>', T.seed, wholeNumber, 1)
    .option('--emit <file>', T.emit)
    .option('--emit-source-times', T.emitSourceTimes)
    .option('--inject <pattern[:rate]>', T.inject, injection, [])
    .option('--truth <file>', T.truth)
    .action(async (o: SeedOptions) => {
      const injecting = o.inject.length > 0 || o.truth !== undefined;
      if (o.emitSourceTimes && !o.emit)
        throw new SeedEmitError(
          '--emit-source-times needs --emit <file>',
          '--emit-source-times 须与 --emit <文件> 一起使用',
        );
      if (o.emit) {
        const started = performance.now();
        const generated = generateSeed(o);
        await emitCommands(generated, o.emit, o.emitSourceTimes === true);
        process.stdout.write(
          `${T.wrote(count(generated.total), o.emit, formatDuration(performance.now() - started), T.describe(o))}\n`,
        );
        if (injecting) writeTruth(generated, truthFile(o));
        return;
      }
      const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
      const truth = injecting ? truthFile(o, location) : undefined;
      const { store, clock } = await openSeedStore(location);
      const progress = progressReporter();
      try {
        const report = await seedDistrict({
          store,
          clock,
          scale: o.scale,
          year: o.year,
          seed: o.seed,
          ...(injecting
            ? { inject: o.inject, catalog: ledgerCatalog({ store, clock: clock.now }) }
            : {}),
          onGenerated: (g) => {
            process.stderr.write(
              `${T.generated(count(g.total), count(g.centres.reduce((n, c) => n + c.residents, 0)), T.describe(o))}\n`,
            );
            if (truth) writeTruth(g, truth);
          },
          onProgress: (p) => progress.update(p),
        });
        progress.stop();
        printReport(report, o);
        if (report.refused > 0) process.exitCode = EXIT_REFUSED;
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
