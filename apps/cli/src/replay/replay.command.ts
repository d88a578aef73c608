import { Command } from 'commander';
import { catalogForPeriod, diffSince, periodOf, renderEvaluationText } from '@libs/indicators';
import { systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { renderDiff } from './render-diff';
import { figuresFromScratch } from '../figures';
import { checkAsOfClock, withPeriodOptions } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';

export function replayCommand(): Command {
  return withPeriodOptions(withStoreOption(new Command('replay')))
    .description(
      'rebuild every figure from the whole log and print the rate table of a period, as known now or at --as-of',
    )
    .option('--json', 'print the table as JSON')
    .option(
      '--diff-now',
      'with --as-of: also what changed since then, resident by resident, and the events behind each change',
    )
    .action(async function (
      this: Command,
      o: {
        period: number;
        asOf?: string;
        by?: string;
        unit?: string;
        json?: boolean;
        diffNow?: boolean;
        store?: string;
      },
    ) {
      if (o.diffNow && !o.asOf)
        this.error('error: --diff-now needs --as-of: the view to compare with now');
      checkAsOfClock(this, o);
      const store = await openStoreFrom(o);
      try {
        const { model, result, table } = await figuresFromScratch(store, o);
        const today = chinaDay(systemClock().toISOString());
        const unitId = table.rows.find((r) => r.total)!.unitId;
        const diff = o.diffNow
          ? diffSince(
              model,
              catalogForPeriod(o.period)!,
              unitId,
              result.period,
              periodOf(o.period, null, today),
            )
          : undefined;
        if (o.json) {
          process.stdout.write(
            `${JSON.stringify({ period: o.period, asOf: o.asOf ?? null, asOfBasis: result.period.asOfBasis, day: result.period.day, position: result.position, ...table, ...(diff ? { changesSince: diff } : {}) }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(
            `${renderEvaluationText(table)}(rebuilt from ${result.position} events)\n`,
          );
          if (diff) process.stdout.write(renderDiff(diff, o.asOf!));
        }
      } finally {
        await store.close();
      }
    });
}
