import { Command } from 'commander';
import { renderEvaluationText } from '@libs/indicators';
import { figuresFromScratch } from '../figures';
import { withPeriodOptions } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';

export function replayCommand(): Command {
  return withPeriodOptions(withStoreOption(new Command('replay')))
    .description('rebuild every figure from the whole log and print the rate table of a period, as known now or at --as-of')
    .option('--json', 'print the table as JSON')
    .action(async (o: { period: number; asOf?: string; unit?: string; json?: boolean; store?: string }) => {
      const store = await openStoreFrom(o);
      try {
        const { result, table } = await figuresFromScratch(store, o);
        if (o.json) process.stdout.write(`${JSON.stringify({ period: o.period, asOf: o.asOf ?? null, day: result.period.day, position: result.position, ...table }, null, 2)}\n`);
        else process.stdout.write(`${renderEvaluationText(table)}(rebuilt from ${result.position} events)\n`);
      } finally {
        await store.close();
      }
    });
}
