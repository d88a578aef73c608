import { Command } from 'commander';
import { verifyLog, type LogChainReader, type EventStore } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';

export const EXIT_TAMPERED = 3;

export function verifyCommand(): Command {
  return withStoreOption(new Command('verify'))
    .description(
      'walk the whole log, recompute every hash and chain; exit 0 when intact, 3 when not',
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { store?: string; json?: boolean }) => {
      const store = await openStoreFrom(options);
      try {
        const report = await verifyLog(store as EventStore & Partial<LogChainReader>);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.intact) {
          process.stdout.write(
            `verify: intact — ${report.eventsChecked} events in ${report.streamsChecked} streams, head position ${report.headPosition}\n`,
          );
        } else {
          const p = report.problem!;
          process.stdout.write(
            `verify: NOT INTACT — first mismatch in stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}\n` +
              `(${report.eventsChecked} events before it matched)\n`,
          );
        }
        if (!report.intact) process.exitCode = EXIT_TAMPERED;
      } finally {
        await store.close();
      }
    });
}
