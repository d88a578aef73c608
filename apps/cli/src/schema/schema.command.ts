import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { publicActions } from '@libs/commands';
import { commandLineSchema } from '@libs/records/commands/command-schemas';
import { renderImportFormat } from '@libs/records/commands/render-import-format';
import { CORRECTABLE } from '@libs/records/correct-record/correctable-fields';

export function schemaCommand(): Command {
  return new Command('schema')
    .description(
      'print the JSON Schema of one command (an import line or HTTP body), or write it and the import-format doc',
    )
    .option('--out <file>', 'write the JSON Schema to a file instead of stdout')
    .option('--markdown <file>', 'also write the Markdown reference (docs/import-format.md)')
    .action((o: { out?: string; markdown?: string }) => {
      const json = `${JSON.stringify(commandLineSchema(publicActions()), null, 2)}\n`;
      if (o.out) writeFileSync(o.out, json);
      else process.stdout.write(json);
      if (o.markdown) {
        const correctable = Object.fromEntries(
          Object.entries(CORRECTABLE).map(([k, v]) => [k, Object.keys(v)]),
        );
        writeFileSync(o.markdown, renderImportFormat(correctable, publicActions()));
      }
    });
}
