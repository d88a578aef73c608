import { childFailure, runLedger } from './ledger-child';

export interface ImportFigures {
  read: number;
  rejected: number;
  /** Whole process, start-up to exit: what an operator waits for. */
  wallSeconds: number;
  linesPerSecond: number;
  peakRssBytes: number | undefined;
}

/**
 * `ledger import FILE` into a fresh store, run as its own process exactly as an operator runs
 * it (durable by default, or --fast), timed from spawn to exit.
 */
export async function importThroughput(
  file: string,
  storePath: string,
  fast: boolean,
  scratch: string,
): Promise<ImportFigures> {
  const run = await runLedger(
    ['import', file, '--store', `sqlite:${storePath}`, '--json', ...(fast ? ['--fast'] : [])],
    scratch,
  );
  // 0: every line accepted; 1: some rejected (still a complete run, counted below).
  if (run.code !== 0 && run.code !== 1) throw childFailure(`import${fast ? ' --fast' : ''}`, run);
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  let summary: { read: number; rejected: number; stopped?: string };
  try {
    summary = JSON.parse(json) as typeof summary;
  } catch {
    throw childFailure('import printed no JSON summary', run);
  }
  if (summary.stopped) throw new Error(`import ${summary.stopped} before the end of the file`);
  return {
    read: summary.read,
    rejected: summary.rejected,
    wallSeconds: run.seconds,
    linesPerSecond: summary.read / run.seconds,
    peakRssBytes: run.peakRssBytes,
  };
}
