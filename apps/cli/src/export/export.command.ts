import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { evaluationCsv, evaluationWorkbook } from '@libs/indicators';
import { figuresFromScratch } from '../figures';
import { checkAsOfClock, withPeriodOptions } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';

export function exportCommand(): Command {
  return withPeriodOptions(withStoreOption(new Command('export')))
    .description(
      'write the evaluation table (a row per unit, per indicator target, count and rate, with totals)',
    )
    .addOption(
      new Option('--format <format>', 'file format').choices(['xlsx', 'csv']).default('xlsx'),
    )
    .requiredOption('--out <file>', 'where to write it')
    .action(async function (
      this: Command,
      o: {
        period: number;
        asOf?: string;
        by?: string;
        unit?: string;
        format: 'xlsx' | 'csv';
        out: string;
        store?: string;
      },
    ) {
      checkAsOfClock(this, o);
      const store = await openStoreFrom(o);
      try {
        const { table } = await figuresFromScratch(store, o);
        if (o.format === 'xlsx') await evaluationWorkbook(table).xlsx.writeFile(o.out);
        else await writeFile(o.out, await evaluationCsv(table));
        process.stdout.write(
          `wrote ${o.out}: ${table.rows.length} units × ${table.indicators.length} indicators\n`,
        );
      } finally {
        await store.close();
      }
    });
}
