import { DEFAULT_HEAP_MB } from '../detect/drafts-task';
import { type BenchRow, atMost, failedRow, grouped, megabytes, seconds } from './bench-row';
import type { Context } from './bench-sections';
import { SEED_YEAR } from './district-file';
import { childFailure, runLedger } from './ledger-child';

/** Issue 17's targets for detection over a district year, on this machine. */
const TARGET = { seconds: 60, peakRssBytes: 1_000_000_000 };

/**
 * `ledger detect` over the seeded district's year, as a child process: wall time from spawn to
 * exit and the child's peak RSS, and the alerts it raised. The seeded district is clean, so every
 * alert is a false one (and would be appended to the cached store: the row says how many).
 */
export async function detectRows(
  { scratch, log }: Context,
  storePath: string,
): Promise<BenchRow[]> {
  const section = 'Fabrication detection' as const;
  const measure = `ledger detect over the seeded district's ${SEED_YEAR}`;
  log(`bench: ${measure}…`);
  try {
    const run = await runLedger(
      ['detect', '--period', String(SEED_YEAR), '--json', '--store', `sqlite:${storePath}`],
      scratch,
    );
    if (run.code !== 0) throw childFailure('detect', run);
    const summary = JSON.parse(run.stdout) as { events: number; drafts: number };
    const rows: BenchRow[] = [
      {
        section,
        measure: `${measure}: time`,
        result: seconds(run.seconds),
        ...atMost(run.seconds, TARGET.seconds, '60 s'),
        note: `${grouped(summary.events)} events read and judged by every detector, from spawn to exit`,
      },
      {
        section,
        measure: `${measure}: peak RSS`,
        result: run.peakRssBytes === undefined ? 'not measured' : megabytes(run.peakRssBytes),
        ...(run.peakRssBytes === undefined
          ? {}
          : atMost(run.peakRssBytes, TARGET.peakRssBytes, '1 GB')),
        note: `the log read in pages into the detectors' view, on a thread with a ${DEFAULT_HEAP_MB} MB heap (--heap-mb); reconciliation, when the period has reports, resident by resident`,
      },
      {
        section,
        measure: 'alerts on the clean district (false alerts)',
        result: grouped(summary.drafts),
        target: '0',
        verdict: summary.drafts === 0 ? 'met' : `missed (${grouped(summary.drafts)} false alerts)`,
        note: 'the seeded district has no planted fabrication; seed --inject and detect-score measure precision and recall',
      },
    ];
    return rows;
  } catch (error) {
    return [failedRow(section, measure, error)];
  }
}
