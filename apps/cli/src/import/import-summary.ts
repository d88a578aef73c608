import { duration, grouped } from './import-progress';
import type { MigrationOutcome } from './migration-record';

/** What one run did; read = appended + duplicates + unchanged + rejected. */
export interface ImportCounts {
  read: number;
  /** Commands that appended events now. */
  appended: number;
  /** Commands whose commandId was already in the log: nothing appended again. */
  duplicates: number;
  /** Commands that were accepted but decided nothing. */
  unchanged: number;
  rejected: number;
  eventsAppended: number;
  /** Line number of the last line handled, for "stopped at". */
  lastLine: number;
}

export const emptyCounts = (): ImportCounts => ({
  read: 0,
  appended: 0,
  duplicates: 0,
  unchanged: 0,
  rejected: 0,
  eventsAppended: 0,
  lastLine: 0,
});

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

export function summaryText(s: ImportSummary): string {
  const unit = s.format === 'ndjson' ? 'lines' : 'rows';
  const head =
    s.stopped === undefined
      ? `import: ${s.file} → ${s.store} (actor ${s.actor}${s.fast ? ', --fast' : ''})`
      : `import: ${s.stopped} after line ${s.lastLine} of ${s.file}; run the same command again to complete it`;
  const row = (label: string, value: number, note = '') =>
    `  ${label.padEnd(18)}${grouped(value).padStart(12)}${note}`;
  return [
    head,
    row(`${unit} read`, s.read),
    row('appended (new)', s.appended),
    row('already present', s.duplicates),
    row('unchanged', s.unchanged),
    row('rejected', s.rejected, s.rejectsFile ? `   see ${s.rejectsFile}` : ''),
    row('events appended', s.eventsAppended),
    `  ${'elapsed'.padEnd(18)}${elapsed(s.elapsedSeconds).padStart(12)}   ${grouped(s.perSecond)} ${unit}/s`,
    ...(s.migration ? [migrationText(s.migration)] : []),
    '',
  ].join('\n');
}

const STARTS: Record<MigrationOutcome['start'], string> = {
  new: 'started by this run',
  resumed: 'resumed (an earlier run started it)',
  repeated: 'already complete before this run',
};

function migrationText(m: MigrationOutcome): string {
  const end =
    m.completion === 'now'
      ? 'completed by this run'
      : m.completion === 'already'
        ? 'nothing new recorded'
        : 'not completed';
  return [
    `  migration from "${m.sourceSystem}", file sha256 ${m.fileSha256}`,
    `    stream migration-${m.fileSha256.slice(0, 12)}…: ${STARTS[m.start]}; ${end}`,
  ].join('\n');
}

const elapsed = (seconds: number): string =>
  seconds < 60 ? `${seconds.toFixed(1)}s` : duration(seconds);
