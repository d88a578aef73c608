import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { publicActions } from '@libs/commands';
import { commandLineSchema } from '@libs/records/commands/command-schemas';
import { renderImportFormat } from '@libs/records/commands/render-import-format';
import { CORRECTABLE } from '@libs/records/correct-record/correctable-fields';
import { messages } from '../text/lang';

export function schemaCommand(): Command {
  const T = messages({
    zh: {
      description:
        '打印一条命令（导入的一行或 HTTP 请求体）的 JSON Schema，或把它和导入格式文档写入文件',
      out: '把 JSON Schema 写入文件而不是标准输出',
      markdown: '同时写出 Markdown 参考文档（docs/import-format.md）',
    },
    en: {
      description:
        'print the JSON Schema of one command (an import line or HTTP body), or write it and the import-format doc',
      out: 'write the JSON Schema to a file instead of stdout',
      markdown: 'also write the Markdown reference (docs/import-format.md)',
    },
  });
  return new Command('schema')
    .description(T.description)
    .option('--out <file>', T.out)
    .option('--markdown <file>', T.markdown)
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
