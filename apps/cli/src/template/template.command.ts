import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ImportFatalError } from '../import/import-errors';
import { SHIPPED_MAPPING_TYPES, shippedMapping } from '@libs/commands/sheets';
import { writeTemplate } from './write-template';
import { messages } from '../text/lang';

/** `ledger template --type RecordFollowUp`: the empty sheet a clerk fills and `import` reads. */
export function templateCommand(): Command {
  const T = messages({
    zh: {
      description:
        '为一种记录类型写出空白 Excel 模板：中文表头，固定取值带下拉框；用 --mapping <类型> 导入',
      type: '记录类型',
      out: '写到哪里（默认：<类型>.xlsx）',
      none: (type: string) => `没有 ${type} 的模板`,
      done: (file: string, type: string) =>
        `模板：${file}（${type}）；导入方法：ledger import FILE.xlsx --mapping ${type}`,
    },
    en: {
      description:
        'write an empty Excel template for one record type: Chinese headers, dropdowns for fixed values; import it with --mapping <type>',
      type: 'the record type',
      out: 'where to write it (default: <type>.xlsx)',
      none: (type: string) => `no template for ${type}`,
      done: (file: string, type: string) =>
        `template: ${file} (${type}); import it with: ledger import FILE.xlsx --mapping ${type}`,
    },
  });
  return new Command('template')
    .description(T.description)
    .addOption(
      new Option('--type <CommandType>', T.type)
        .choices(SHIPPED_MAPPING_TYPES)
        .makeOptionMandatory(),
    )
    .option('--out <file>', T.out)
    .action(async (o: { type: string; out?: string }) => {
      const mapping = shippedMapping(o.type);
      if (!mapping) throw new ImportFatalError(T.none(o.type));
      const out = resolve(o.out ?? `${o.type}.xlsx`);
      await writeTemplate(mapping, out);
      process.stdout.write(`${T.done(o.out ?? `${o.type}.xlsx`, o.type)}\n`);
    });
}
