import { open, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { commandAuthorizer, type Principal } from '@libs/access';
import { ledgerCommandContext } from '@libs/commands';
import {
  CSV_UNSUPPORTED_TYPES,
  type XlsxMapping,
  type XlsxValue,
  XlsxRejectsWriter,
  loadMapping,
  mappedColumns,
  readXlsxHeader,
  rejectReasonFor,
} from '@libs/commands/sheets';
import { describeStoreLocation, systemClock } from '@libs/ledger';
import { COMMAND_TYPES, StreamStateCache, openIdentityVault, storeFactLookup } from '@libs/records';

/**
 * A file in recorded order visits most residents a few times a year, far apart: a cache cannot
 * hold them all within 500 MB, so it keeps the recent ones (and every unit and doctor, which
 * recur on every line) and a miss reads a short stream.
 */
// Measured on a district year: 600,000 cached streams (every resident) ran no faster than 20,000
// and needed 2.3 GB; the residents' short streams are cheap to read again.
const IMPORT_CACHED_STREAMS = 5_000;
import { principalFrom } from '../principal-option';
import { chineseOf } from '../text/error-line';
import { messages } from '../text/lang';
import { withStoreOption } from '../store-option';
import { fileSha256 } from './file-sha256';
import { ImportFatalError } from './import-errors';
import { ImportProgress } from './import-progress';
import { emptyCounts, summaryText, type ImportSummary } from './import-summary';
import { type MigrationOutcome, beginMigration, completeMigration } from './migration-record';
import { openImportStore } from './open-import-store';
import { validatedItemsOf } from './items-from-worker';
import { type RejectSink, RejectsWriter } from './rejects-writer';
import { runImport } from './run-import';

export const EXIT_REJECTED = 1;
export const EXIT_FATAL = 2;
const EXIT_ON_SIGNAL: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Longest line (or CSV row) accepted; longer ones are rejected without being held in memory. */
const MAX_LINE_BYTES = 1024 * 1024;

interface ImportOptions {
  format?: 'ndjson' | 'csv' | 'xlsx';
  mapping?: string;
  type?: string;
  store?: string;
  key?: string;
  fast?: boolean;
  json?: boolean;
  migration?: boolean;
  source?: string;
}

/** The words of import; read when the command is built, after the language is known. */
const texts = () =>
  messages({
    zh: {
      description:
        '逐条追加 NDJSON、CSV 或 Excel 文件中的命令；被拒的行写入 FILE.rejects.ndjson（Excel 的写入 FILE.rejects.xlsx）',
      file: 'NDJSON：每行一条命令，即 HTTP 请求体；CSV：首行为字段名',
      format: '文件格式（默认：.csv 文件为 csv，.xlsx 文件为 xlsx，否则 ndjson）',
      mapping:
        'xlsx：表头如何变成命令：随附模板的记录类型（见 ledger template --help），或 JSON 映射文件（docs/import-xlsx.md）',
      type: '没有 "type" 的行所属的命令类型',
      key: '以持有该密钥的用户身份运行，每一行都检查其角色和机构范围（默认：$LEDGER_KEY，否则为本机运维 operator）',
      fast: 'SQLite synchronous=NORMAL：更快；断电可能丢失最后确认的几行，重新运行即可补完',
      json: '以 JSON 输出汇总',
      migration:
        '历史数据迁移：记为 MigrationStarted/MigrationCompleted，各行可带 sourceRecordedAt',
      source: '与 --migration 同用：记录来自哪个系统',
      after: `
每一行（NDJSON）或每一行数据（CSV）是一条命令，按文件顺序执行，各自单独追加。
被拒的行写入 FILE.rejects.ndjson（每次运行重建，为空时删除）。同一文件再运行一次不会重复追加
（commandId），所以中断的导入再运行一次即可补完。CSV 各列：docs/import-csv.md。

Excel 表（FILE.xlsx --mapping <类型或 mapping.json>）通过从中文表头到字段的映射读取；被拒的行写入
FILE.rejects.xlsx，保留原表各列并在旁边写明原因，在 Excel 中改好后按同样方式导入（docs/import-xlsx.md）。

迁移（--migration --source "<系统>"）导入另一个系统的记录：在各行之前追加 MigrationStarted、之后追加
MigrationCompleted（来源系统、文件的 SHA-256、行数），写在流 migration-<sha256> 中；各行可带
"sourceRecordedAt"（带时区的 ISO 日期时间）：来源系统记录它的时间，与账本自己的 recordedAt 并存。
迁移之外带这个字段的行被拒。同一文件再运行一次不会重复追加，迁移事件也一样。

退出状态：0 每行都被接受；1 有行被拒，或账本无应答（stderr 一行说明，不写被拒文件）；2 导入无法运行（文件不存在、账本路径不可用、选项错误）；
130/143 被 Ctrl-C/SIGTERM 停止，停在正在处理的那一行之后。`,
      fastIgnored: 'import: --fast 只适用于 SQLite；已忽略',
      stopping: (signal: string) => `import: ${signal}：处理完手头这一行后停止（再按一次立即退出）`,
    },
    en: {
      description:
        "append the commands of an NDJSON, CSV or Excel file, one by one; rejected lines go to FILE.rejects.ndjson (an Excel sheet's to FILE.rejects.xlsx)",
      file: 'NDJSON: one command per line, the HTTP body; CSV: a header row of field names',
      format: 'file format (default: csv for a .csv file, xlsx for a .xlsx file, else ndjson)',
      mapping:
        "xlsx: how the sheet's headers become a command: the record type of a shipped template (ledger template --help), or a JSON mapping file (docs/import-xlsx.md)",
      type: 'command type of lines or rows that have no "type"',
      key: 'run as the actor owning this key, with its role and unit scope checked on every line (default: $LEDGER_KEY, else the local operator)',
      fast: 'SQLite synchronous=NORMAL: faster; a power cut may lose the last acknowledged lines, a re-run completes them',
      json: 'print the summary as JSON',
      migration:
        'a historical migration: recorded as MigrationStarted/MigrationCompleted, lines may carry sourceRecordedAt',
      source: 'with --migration: the system the records come from',
      after: `
Each line (NDJSON) or row (CSV) is one command, executed in file order, each appended on its own.
Rejected lines are written to FILE.rejects.ndjson (recreated by every run, removed when empty).
Running the same file again appends nothing twice (commandId), so an interrupted import is
completed by running it again. CSV columns: docs/import-csv.md.

An Excel sheet (FILE.xlsx --mapping <type or mapping.json>) is read through a mapping from its
Chinese headers to the fields; its refused rows go to FILE.rejects.xlsx, the sheet's columns with
the reason beside them, to be fixed in Excel and imported the same way (docs/import-xlsx.md).

A migration (--migration --source "<system>") brings another system's records: it appends
MigrationStarted before the lines and MigrationCompleted after them (source system, the file's
SHA-256, line counts) in the stream migration-<sha256>, and each line may carry
"sourceRecordedAt" (ISO date-time with zone): when the source system recorded it, kept beside
the ledger's own recordedAt. Outside a migration a line carrying it is rejected. Re-running the
same file appends nothing twice, migration events included.

Exit status: 0 every line accepted; 1 some lines rejected, or the store did not answer (one line
on stderr, no rejects file); 2 the import could not run (missing file, unusable store path, bad
option); 130/143 stopped by Ctrl-C/SIGTERM after the line in hand.`,
      fastIgnored: 'import: --fast applies to SQLite only; ignored',
      stopping: (signal: string) =>
        `import: ${signal}: stopping after the line in hand (again to quit at once)`,
    },
  });

export function importCommand(): Command {
  const T = texts();
  return withStoreOption(new Command('import'))
    .description(T.description)
    .argument('<file>', T.file)
    .addOption(new Option('--format <format>', T.format).choices(['ndjson', 'csv', 'xlsx']))
    .option('--mapping <typeOrFile>', T.mapping)
    .addOption(new Option('--type <CommandType>', T.type).choices(COMMAND_TYPES))
    .option('--key <apiKey>', T.key)
    .option('--fast', T.fast)
    .option('--json', T.json)
    .option('--migration', T.migration)
    .option('--source <system>', T.source)
    .addHelpText('after', T.after)
    .exitOverride((error) => {
      // A mistyped option must not look like "some lines were rejected" (1): usage errors are 2.
      throw error.exitCode === 0
        ? error
        : new CommanderError(EXIT_FATAL, error.code, error.message);
    })
    .action((file: string, options: ImportOptions) => importFile(file, options));
}

async function importFile(file: string, options: ImportOptions): Promise<void> {
  const path = resolve(file);
  const size = await readableSize(path, file);
  const format = options.format ?? formatOfName(file);
  if (format === 'csv' && options.type && CSV_UNSUPPORTED_TYPES.includes(options.type)) {
    throw new ImportFatalError(
      `${options.type} has nested fields and cannot be imported from CSV; use NDJSON`,
      `${options.type} 含嵌套字段，不能用 CSV 导入，请用 NDJSON`,
    );
  }
  if (options.mapping !== undefined && format !== 'xlsx')
    throw new ImportFatalError(
      `--mapping applies to an xlsx sheet, not to ${format}`,
      `--mapping 只用于 xlsx 表格，不用于 ${format}`,
    );
  const sheet = format === 'xlsx' ? await sheetOf(path, options) : undefined;
  const sourceSystem = migrationSource(options);
  const { store, location } = await openImportStore(options);
  let principal: Principal;
  let migration: MigrationOutcome | undefined;
  // One cache of folded states for the run: the handler, the lock guard and the scope check.
  const states = new StreamStateCache(IMPORT_CACHED_STREAMS);
  const authorize = (p: Principal) =>
    commandAuthorizer(p, storeFactLookup(store, states), systemClock);
  try {
    principal = await principalFrom(store, options);
  } catch (error) {
    await store.close();
    throw new ImportFatalError((error as Error).message, chineseOf(error));
  }
  if (sourceSystem !== undefined) {
    try {
      const file = { path, bytes: size, sha256: await fileSha256(path) };
      migration = await beginMigration(
        { store, clock: systemClock, actor: principal.actorId, authorize: authorize(principal) },
        file,
        sourceSystem,
      );
    } catch (error) {
      await store.close();
      throw fatal('cannot start the migration', error);
    }
  }
  // Personal data on a line (RegisterResident.identity) goes to the store's vault only.
  const vault = openIdentityVault(location);
  if (options.fast && location.kind !== 'sqlite') process.stderr.write(`${texts().fastIgnored}\n`);

  const counts = emptyCounts();
  const progress = new ImportProgress(size, format === 'ndjson' ? 'lines' : 'rows');
  const started = performance.now();
  let rejects: RejectSink | undefined;
  let signal: NodeJS.Signals | undefined;
  let failure: unknown;
  let completed = false;
  const onSignal = (received: NodeJS.Signals) => {
    signal = received;
    process.stderr.write(`\n${texts().stopping(received)}\n`);
  };
  try {
    rejects = sheet
      ? await XlsxRejectsWriter.open(`${path}.rejects.xlsx`, sheet.header, sheet.mapping)
      : await RejectsWriter.open(`${path}.rejects.ndjson`);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    progress.start();
    const items = validatedItemsOf({
      path,
      format,
      maxLineBytes: MAX_LINE_BYTES,
      ...(options.type !== undefined ? { defaultType: options.type } : {}),
      ...(sheet ? { mapping: sheet.mapping } : {}),
      migrating: migration !== undefined,
    });
    completed = await runImport({
      items,
      store,
      clock: systemClock,
      actor: principal.actorId,
      authorize: authorize(principal),
      ...ledgerCommandContext({ store, clock: systemClock, states }),
      states,
      vault,
      rejects,
      progress,
      counts,
      stopRequested: () => signal !== undefined,
      ...(migration ? { migration: { correlationId: migration.correlationId } } : {}),
    });
    if (completed && migration) {
      // The counts must describe the bytes the migration names: a file changed under the run is not completed.
      if ((await fileSha256(path)) !== migration.fileSha256)
        throw new ImportFatalError(
          `${file} changed while it was being migrated; the migration of ${migration.fileSha256} is not completed`,
        );
      migration = await completeMigration(
        { store, clock: systemClock, actor: principal.actorId, authorize: authorize(principal) },
        migration,
        counts,
      ).catch((error: unknown) => {
        throw fatal('cannot complete the migration', error);
      });
    }
  } catch (error) {
    failure = error;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rejects?.close().catch((error: unknown) => (failure ??= error));
    await store.close();
    vault.close();
  }

  if (rejects) {
    const elapsedSeconds = (performance.now() - started) / 1000;
    const summary: ImportSummary = {
      file,
      format,
      store: describeStoreLocation(location),
      actor: principal.actorId,
      fast: options.fast === true,
      ...(completed && failure === undefined
        ? {}
        : { stopped: failure === undefined ? 'interrupted' : 'failed' }),
      ...counts,
      rejectsFile: rejects.count > 0 ? `${file}.rejects.${sheet ? 'xlsx' : 'ndjson'}` : null,
      ...(migration ? { migration } : {}),
      elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
      perSecond: elapsedSeconds > 0 ? Math.round(counts.read / elapsedSeconds) : 0,
    };
    process.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary),
    );
  }
  if (failure !== undefined) throw failure;
  if (signal) process.exitCode = EXIT_ON_SIGNAL[signal] ?? EXIT_FATAL;
  else if (counts.rejected > 0) process.exitCode = EXIT_REJECTED;
}

function formatOfName(file: string): 'ndjson' | 'csv' | 'xlsx' {
  const extension = extname(file).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : 'ndjson';
}

/** A sheet needs its mapping, which names the type; its header is read now for the rejects. */
async function sheetOf(
  path: string,
  options: ImportOptions,
): Promise<{ mapping: XlsxMapping; header: XlsxValue[] }> {
  if (options.mapping === undefined)
    throw new ImportFatalError(
      'an xlsx import needs --mapping: the record type of a shipped template (e.g. RecordFollowUp) or a JSON mapping file',
      'xlsx 导入须给出 --mapping：随附模板的记录类型（如 RecordFollowUp）或 JSON 映射文件',
    );
  if (options.type !== undefined)
    throw new ImportFatalError(
      '--type does not apply to an xlsx import: the mapping names the type',
      '--type 不用于 xlsx 导入：类型由映射给出',
    );
  const mapping = loadMapping(options.mapping);
  const header = await readXlsxHeader(path, path);
  // Checked here as well as on the reading thread, which can pass on only the English of it.
  mappedColumns(header, mapping);
  return { mapping, header: header.cells };
}

/** --migration and --source go together: a migration without its source system says nothing. */
function migrationSource(options: ImportOptions): string | undefined {
  if (options.source !== undefined && !options.migration)
    throw new ImportFatalError(
      '--source names the system a migration comes from: add --migration',
      '--source 指迁移数据的来源系统：请加上 --migration',
    );
  if (!options.migration) return undefined;
  if (options.source === undefined || options.source.trim() === '')
    throw new ImportFatalError(
      '--migration needs --source "<system name>": the system the records come from',
      '--migration 须给出 --source "<系统名称>"：记录来自哪个系统',
    );
  return options.source.trim();
}

/** A refusal before or after the lines (the migration's own commands) stops the import: exit 2. */
function fatal(what: string, error: unknown): Error {
  if (error instanceof ImportFatalError) return error;
  const reason = rejectReasonFor(error);
  if (!reason) return error as Error;
  return new ImportFatalError(`${what}: ${reason.code}: ${reason.en} / ${reason.zh}`);
}

/** The input's size in bytes, or one clear line saying why it cannot be read. */
async function readableSize(path: string, shown: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new ImportFatalError(
        `cannot import ${shown}: it is a directory`,
        `无法导入 ${shown}：这是一个目录`,
      );
    await (await open(path, 'r')).close();
    return info.size;
  } catch (error) {
    if (error instanceof ImportFatalError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? { en: 'no such file', zh: '文件不存在' }
        : code === 'EACCES'
          ? { en: 'permission denied', zh: '没有读取权限' }
          : { en: (error as Error).message, zh: (error as Error).message };
    throw new ImportFatalError(`cannot read ${shown}: ${why.en}`, `无法读取 ${shown}：${why.zh}`);
  }
}
