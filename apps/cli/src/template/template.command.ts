import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ImportFatalError } from '../import/import-errors';
import { SHIPPED_MAPPING_TYPES, shippedMapping } from '../import/xlsx/xlsx-mapping';
import { writeTemplate } from './write-template';

/** `ledger template --type RecordFollowUp`: the empty sheet a clerk fills and `import` reads. */
export function templateCommand(): Command {
  return new Command('template')
    .description(
      'write an empty Excel template for one record type: Chinese headers, dropdowns for fixed values; import it with --mapping <type>',
    )
    .addOption(
      new Option('--type <CommandType>', 'the record type')
        .choices(SHIPPED_MAPPING_TYPES)
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'where to write it (default: <type>.xlsx)')
    .action(async (o: { type: string; out?: string }) => {
      const mapping = shippedMapping(o.type);
      if (!mapping) throw new ImportFatalError(`no template for ${o.type}`);
      const out = resolve(o.out ?? `${o.type}.xlsx`);
      await writeTemplate(mapping, out);
      process.stdout.write(
        `template: ${o.out ?? `${o.type}.xlsx`} (${o.type}); import it with: ledger import FILE.xlsx --mapping ${o.type}\n`,
      );
    });
}
