import { SEED_YEAR } from './district-file';
import { childFailure, runLedger } from './ledger-child';

export interface SeedFigures {
  commands: number;
  events: number;
  refused: number;
  wallSeconds: number;
  peakRssBytes: number | undefined;
}

const count = (text: string) => Number(text.replace(/,/g, ''));

/** `ledger seed --scale S` into a fresh store, as its own process, timed from spawn to exit. */
export async function seedTime(
  scale: 'district' | 'small',
  storePath: string,
  scratch: string,
): Promise<SeedFigures> {
  const run = await runLedger(
    ['seed', '--scale', scale, '--year', String(SEED_YEAR), '--store', `sqlite:${storePath}`],
    scratch,
  );
  const summary = /seed: ([\d,]+) commands, ([\d,]+) events appended, .* ([\d,]+) refused/.exec(
    run.stdout,
  );
  // Exit 1 means the generator's commands were refused: a finished run whose count is reported.
  if ((run.code !== 0 && run.code !== 1) || !summary) throw childFailure('seed', run);
  return {
    commands: count(summary[1]),
    events: count(summary[2]),
    refused: count(summary[3]),
    wallSeconds: run.seconds,
    peakRssBytes: run.peakRssBytes,
  };
}
