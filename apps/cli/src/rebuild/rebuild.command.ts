import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { AUDIT_EXIT } from '@libs/audit/trust/audit-exit-codes';
import { FiguresFile } from '@libs/indicators';
import { describeStoreLocation, parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { withStoreOption } from '../store-option';
import { runRebuild } from './run-rebuild';
import { messages } from '../text/lang';

type Problem = Awaited<ReturnType<typeof runRebuild>>['problem'];

const threadCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError('须为 1 到 64 的整数 / a whole number from 1 to 64');
  return n;
};

export function rebuildCommand(): Command {
  const T = messages({
    zh: {
      description:
        '在工作线程中从位置 0 重算所有保存的指标，沿途检查每个哈希；写出 API 启动时读取的指标文件（<账本>.figures.json）。请在 API 停止时运行：运行中的 API 会用自己的指标覆盖它',
      threads: '工作线程数（默认：CPU 核数，最多 4）',
      json: '以 JSON 输出结果',
      tampered: (p: Problem) =>
        `被篡改：位置 ${p?.position}（${p?.streamId} 修订号 ${p?.revision}）：${p?.reason}\n未写入任何内容`,
      done: (
        events: number,
        seconds: number,
        rate: number,
        threads: number,
        parallel: boolean,
        years: number[],
        path: string | undefined,
      ) =>
        `已重算 ${events} 条事件（每个哈希都已检查），用时 ${seconds} 秒，每秒 ${rate} 条，${threads} 个线程${parallel ? '' : '（轮流）'}；` +
        `${years.join('、')} 年的指标${path ? `已写入 ${path}` : '未写入（只有 SQLite 账本保存它们）'}`,
    },
    en: {
      description:
        'recompute every kept figure from position 0, checking every hash on the way, in worker threads; writes the figures the API starts from (<store>.figures.json). Run it with the API stopped: a running API saves its own figures over it',
      threads: 'worker threads (default: the cores, at most 4)',
      json: 'print the result as JSON',
      tampered: (p: Problem) =>
        `TAMPERED at position ${p?.position} (${p?.streamId} r${p?.revision}): ${p?.reason}\nnothing written`,
      done: (
        events: number,
        seconds: number,
        rate: number,
        threads: number,
        parallel: boolean,
        years: number[],
        path: string | undefined,
      ) =>
        `rebuilt ${events} events (every hash checked) in ${seconds} s, ` +
        `${rate} events/s on ${threads} thread(s)${parallel ? '' : ' in turn'}; ` +
        `figures of ${years.join(', ')} ` +
        (path ? `written to ${path}` : 'not written (only a SQLite store keeps them)'),
    },
  });
  return withStoreOption(new Command('rebuild'))
    .description(T.description)
    .option('--threads <n>', T.threads, threadCount)
    .option('--json', T.json)
    .action(async (options: { store?: string; threads?: number; json?: boolean }) => {
      const location = parseStoreLocation(options.store ?? process.env.LEDGER_STORE);
      const threads = options.threads ?? Math.min(4, availableParallelism());
      const today = chinaDay(systemClock().toISOString());
      const result = await runRebuild({ store: location, threads, today });
      const file = FiguresFile.beside(location);
      if (result.intact && result.figures) file.save(result.figures, result.lastHash);
      const summary = {
        store: describeStoreLocation(location),
        intact: result.intact,
        ...(result.problem ? { problem: result.problem } : {}),
        events: result.events,
        threads: result.threads,
        workerThreads: result.parallel,
        years: result.years,
        readSeconds: Number(result.readSeconds.toFixed(2)),
        totalSeconds: Number(result.totalSeconds.toFixed(2)),
        eventsPerSecond: Math.round(result.events / result.totalSeconds),
        figuresFile: result.intact ? (file.path ?? null) : null,
      };
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else if (!result.intact) process.stdout.write(`${T.tampered(result.problem)}\n`);
      else
        process.stdout.write(
          `${T.done(summary.events, summary.totalSeconds, summary.eventsPerSecond, threads, result.parallel, result.years, file.path ?? undefined)}\n`,
        );
      if (!result.intact) process.exitCode = AUDIT_EXIT.tampered;
    });
}
