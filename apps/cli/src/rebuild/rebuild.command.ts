import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { AUDIT_EXIT } from '@libs/audit/trust/audit-exit-codes';
import { FiguresFile } from '@libs/indicators';
import { describeStoreLocation, parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { withStoreOption } from '../store-option';
import { runRebuild } from './run-rebuild';

const threadCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
};

export function rebuildCommand(): Command {
  return withStoreOption(new Command('rebuild'))
    .description(
      'recompute every kept figure from position 0, checking every hash on the way, in worker threads; writes the figures the API starts from (<store>.figures.json). Run it with the API stopped: a running API saves its own figures over it',
    )
    .option('--threads <n>', 'worker threads (default: the cores, at most 4)', threadCount)
    .option('--json', 'print the result as JSON')
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
      else if (!result.intact)
        process.stdout.write(
          `TAMPERED at position ${result.problem?.position} (${result.problem?.streamId} r${result.problem?.revision}): ${result.problem?.reason}\nnothing written\n`,
        );
      else
        process.stdout.write(
          `rebuilt ${summary.events} events (every hash checked) in ${summary.totalSeconds} s, ` +
            `${summary.eventsPerSecond} events/s on ${threads} thread(s)${result.parallel ? '' : ' in turn'}; ` +
            `figures of ${result.years.join(', ')} ` +
            (file.path
              ? `written to ${file.path}\n`
              : 'not written (only a SQLite store keeps them)\n'),
        );
      if (!result.intact) process.exitCode = AUDIT_EXIT.tampered;
    });
}
