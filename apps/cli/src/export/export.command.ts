import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { evaluationCsv, evaluationWorkbook } from '@libs/indicators';
import { figuresFromScratch } from '../figures';
import { checkAsOfClock, withPeriodOptions } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

export function exportCommand(): Command {
  const T = messages({
    zh: {
      description: '写出考核表（每个机构一行，各指标的目标、完成数和完成率，含合计）',
      format: '文件格式',
      out: '写到哪里',
      done: (out: string, units: number, indicators: number) =>
        `已写入 ${out}：${units} 个机构 × ${indicators} 项指标`,
    },
    en: {
      description:
        'write the evaluation table (a row per unit, per indicator target, count and rate, with totals)',
      format: 'file format',
      out: 'where to write it',
      done: (out: string, units: number, indicators: number) =>
        `wrote ${out}: ${units} units × ${indicators} indicators`,
    },
  });
  return withPeriodOptions(withStoreOption(new Command('export')))
    .description(T.description)
    .addOption(new Option('--format <format>', T.format).choices(['xlsx', 'csv']).default('xlsx'))
    .requiredOption('--out <file>', T.out)
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
        process.stdout.write(`${T.done(o.out, table.rows.length, table.indicators.length)}\n`);
      } finally {
        await store.close();
      }
    });
}
