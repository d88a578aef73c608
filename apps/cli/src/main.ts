import 'reflect-metadata';
import { Command, CommanderError, Help, Option } from 'commander';
import stringWidth from 'string-width';
import { LedgerError, StoreUnavailableError } from '@libs/ledger';
import { commanderErrorInChinese } from './text/commander-errors';
import { errorLine } from './text/error-line';
import { lang, langArg, langFromArgv, messages, useLang } from './text/lang';
import { benchAppendCommand, benchCommand } from './bench/bench.command';
import { importCommand } from './import/import.command';
import { actorsCommand } from './actors/actors.command';
import { exportCommand } from './export/export.command';
import { rebuildCommand } from './rebuild/rebuild.command';
import { replayCommand } from './replay/replay.command';
import { trailCommand } from './trail/trail.command';
import { eraseResidentCommand } from './erase-resident/erase-resident.command';
import { schemaCommand } from './schema/schema.command';
import { templateCommand } from './template/template.command';
import { verifyCommand } from './verify/verify.command';
import { seedCommand } from './seed/seed.command';
import { reconcileCommand } from './reconcile/reconcile.command';
import { sampleCommand } from './sample/sample.command';
import { sealCommand } from './seal/seal.command';
import { checkSealCommand } from './check-seal/check-seal.command';
import { checkpointCommand } from './checkpoint/checkpoint.command';
import { detectScoreCommand } from './detect-score/detect-score.command';
import { detectCommand } from './detect/detect.command';

// Before any command is built: their help texts are chosen in this language.
useLang(langFromArgv(process.argv));

const T = messages({
  zh: {
    description: '公共卫生进度账本的运维与核查工具',
    lang: '输出语言：zh（中文，默认）或 en（英文）',
    help: '显示帮助',
    helpCommand: '显示某个命令的帮助',
    afterError: '（加 --help 查看用法）',
    titles: {
      'Usage:': '用法：',
      'Options:': '选项：',
      'Commands:': '命令：',
      'Arguments:': '参数：',
      'Global Options:': '全局选项：',
    } as Record<string, string>,
    // Commander's notes after an option's description: "(choices: …, default: …)".
    notes: (text: string) =>
      text.replace(/ \(((?:choices|default|preset|env): .*)\)$/, (_, inner: string) => {
        const words: Record<string, string> = {
          choices: '可选值',
          default: '默认',
          preset: '预设',
          env: '环境变量',
        };
        return `（${inner.replace(/(?:, )?(choices|default|preset|env): /g, (m, k: string) => `${m.startsWith(',') ? '，' : ''}${words[k]}：`)}）`;
      }),
  },
  en: {
    description: 'Operator tools of the public-health progress ledger',
    lang: 'language of the output: zh (Chinese, the default) or en (English)',
    help: 'display help for command',
    helpCommand: 'display help for command',
    afterError: '(run with --help for usage)',
    titles: {} as Record<string, string>,
    notes: (text: string) => text,
  },
});

/** Commander's own usage errors in the language of the run (its English is kept for --lang en). */
const output = {
  outputError: (text: string, write: (text: string) => void) =>
    write(lang() === 'zh' ? commanderErrorInChinese(text) : text),
};

const program = new Command('ledger')
  .description(T.description)
  // Accepted before or after the command's name (commander reads program options anywhere).
  .addOption(new Option('--lang <lang>', T.lang).argParser(langArg))
  .helpOption('-h, --help', T.help)
  .helpCommand('help [command]', T.helpCommand)
  // Every command's help in columns that hold Chinese: two terminal columns a character.
  .configureHelp({
    displayWidth: (text) => stringWidth(text),
    styleTitle: (title) => T.titles[title] ?? title,
    optionDescription(this: Help, option: Option) {
      return T.notes(Help.prototype.optionDescription.call(this, option));
    },
    showGlobalOptions: true,
  })
  .showHelpAfterError(T.afterError)
  .configureOutput(output)
  .addCommand(verifyCommand())
  .addCommand(actorsCommand())
  .addCommand(seedCommand())
  .addCommand(importCommand())
  .addCommand(replayCommand())
  .addCommand(rebuildCommand())
  .addCommand(trailCommand())
  .addCommand(eraseResidentCommand())
  .addCommand(exportCommand())
  .addCommand(reconcileCommand())
  .addCommand(sampleCommand())
  .addCommand(schemaCommand())
  .addCommand(templateCommand())
  .addCommand(sealCommand())
  .addCommand(checkSealCommand())
  .addCommand(checkpointCommand())
  .addCommand(detectScoreCommand())
  .addCommand(detectCommand())
  .addCommand(benchCommand())
  .addCommand(benchAppendCommand(), { hidden: true });

// addCommand passes none of the program's help settings on, and copyInheritedSettings would
// also replace the exit handlers of verify, check-seal and import: only the help's are copied.
const inherit = (parent: Command): void =>
  parent.commands.forEach((c) => {
    c.configureHelp(parent.configureHelp())
      .helpOption('-h, --help', T.help)
      .showHelpAfterError(T.afterError)
      .configureOutput(output);
    inherit(c);
  });
inherit(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Known failures get one clear line; anything else is a bug and keeps its stack.
  const known =
    error instanceof LedgerError || (error as { code?: string }).code === 'SQLITE_CANTOPEN';
  process.stderr.write(
    `ledger: ${known ? errorLine(error as Error, lang()) : (error as Error).stack}\n`,
  );
  // A store that does not answer stops every command with 1, as it stops the API: what a
  // scheduler or a restart policy reads as "failed, try again". 2 stays for a run that cannot
  // start from what it was given (arguments, files, a store path that cannot be opened).
  process.exit(error instanceof StoreUnavailableError ? 1 : 2);
});
