import { type RowCounts, noRowsCounted } from '@libs/commands/sheets';
import { duration, grouped } from './import-progress';
import type { MigrationOutcome } from './migration-record';
import { messages } from '../text/lang';
import { pad } from '../text/table';

/** What one run did: the rows' counts, and where it got to. */
export interface ImportCounts extends RowCounts {
  /** Line number of the last line handled, for "stopped at". */
  lastLine: number;
}

export const emptyCounts = (): ImportCounts => ({ ...noRowsCounted(), lastLine: 0 });

export interface ImportSummary extends ImportCounts {
  file: string;
  format: 'ndjson' | 'csv' | 'xlsx';
  store: string;
  actor: string;
  fast: boolean;
  /** Set when the run did not reach the end of the file. */
  stopped?: 'interrupted' | 'failed';
  rejectsFile: string | null;
  elapsedSeconds: number;
  perSecond: number;
  /** Set for `--migration`. */
  migration?: MigrationOutcome;
}

const texts = () =>
  messages({
    zh: {
      unit: { ndjson: '行', rows: '行' },
      head: (s: ImportSummary) =>
        `import: ${s.file} → ${s.store}（操作人 ${s.actor}${s.fast ? '，--fast' : ''}）`,
      stopped: (s: ImportSummary) =>
        `import: ${s.stopped === 'interrupted' ? '被中断' : '失败'}，停在 ${s.file} 的第 ${s.lastLine} 行；再运行同一命令即可补完`,
      read: (unit: string) => `读取${unit}数`,
      appended: '新追加',
      duplicates: '已存在',
      unchanged: '无变化',
      rejected: '被拒',
      see: (file: string) => `   见 ${file}`,
      events: '追加事件数',
      elapsed: '用时',
      rate: (n: string, unit: string) => `每秒 ${n} ${unit}`,
      migration: (m: MigrationOutcome) =>
        `  迁移自"${m.sourceSystem}"，文件 sha256 ${m.fileSha256}`,
      starts: {
        new: '由本次运行开始',
        resumed: '继续（由此前的运行开始）',
        repeated: '本次运行之前已完成',
      } as Record<MigrationOutcome['start'], string>,
      ends: {
        now: '由本次运行完成',
        already: '没有新的记录',
        not: '未完成',
      },
    },
    en: {
      unit: { ndjson: 'lines', rows: 'rows' },
      head: (s: ImportSummary) =>
        `import: ${s.file} → ${s.store} (actor ${s.actor}${s.fast ? ', --fast' : ''})`,
      stopped: (s: ImportSummary) =>
        `import: ${s.stopped} after line ${s.lastLine} of ${s.file}; run the same command again to complete it`,
      read: (unit: string) => `${unit} read`,
      appended: 'appended (new)',
      duplicates: 'already present',
      unchanged: 'unchanged',
      rejected: 'rejected',
      see: (file: string) => `   see ${file}`,
      events: 'events appended',
      elapsed: 'elapsed',
      rate: (n: string, unit: string) => `${n} ${unit}/s`,
      migration: (m: MigrationOutcome) =>
        `  migration from "${m.sourceSystem}", file sha256 ${m.fileSha256}`,
      starts: {
        new: 'started by this run',
        resumed: 'resumed (an earlier run started it)',
        repeated: 'already complete before this run',
      } as Record<MigrationOutcome['start'], string>,
      ends: {
        now: 'completed by this run',
        already: 'nothing new recorded',
        not: 'not completed',
      },
    },
  });

export function summaryText(s: ImportSummary): string {
  const T = texts();
  const unit = s.format === 'ndjson' ? T.unit.ndjson : T.unit.rows;
  const head = s.stopped === undefined ? T.head(s) : T.stopped(s);
  // Labels padded in terminal columns: the Chinese ones take two a character.
  const row = (label: string, value: string, note = '') =>
    `  ${pad(label, 18)}${pad(value, 12, 'right')}${note}`;
  return [
    head,
    row(T.read(unit), grouped(s.read)),
    row(T.appended, grouped(s.appended)),
    row(T.duplicates, grouped(s.duplicates)),
    row(T.unchanged, grouped(s.unchanged)),
    row(T.rejected, grouped(s.rejected), s.rejectsFile ? T.see(s.rejectsFile) : ''),
    row(T.events, grouped(s.eventsAppended)),
    row(T.elapsed, elapsed(s.elapsedSeconds), `   ${T.rate(grouped(s.perSecond), unit)}`),
    ...(s.migration ? [migrationText(s.migration)] : []),
    '',
  ].join('\n');
}

function migrationText(m: MigrationOutcome): string {
  const T = texts();
  const end =
    m.completion === 'now' ? T.ends.now : m.completion === 'already' ? T.ends.already : T.ends.not;
  return [
    T.migration(m),
    `    stream migration-${m.fileSha256.slice(0, 12)}…: ${T.starts[m.start]}; ${end}`,
  ].join('\n');
}

const elapsed = (seconds: number): string =>
  seconds < 60 ? `${seconds.toFixed(1)}s` : duration(seconds);
