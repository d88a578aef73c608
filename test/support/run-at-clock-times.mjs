/**
 * npm run test:clock: runs the date-sensitive specs once per clock time, with "now" shifted to
 * that instant (test/support/shifted-clock.js), and prints a line per time with its counts.
 * The times are where the UTC date and the China day part or meet, and a New Year in China.
 * Other spec paths given on the command line replace the default list.
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLOCK_TIMES = [
  ['2026-06-30T15:59:00Z', '15:59 UTC (23:59 in China, same day)'],
  ['2026-06-30T16:01:00Z', '16:01 UTC (00:01 in China, next day and quarter)'],
  ['2026-06-30T23:59:00Z', '23:59 UTC (07:59 in China, next day)'],
  ['2026-12-31T16:01:00Z', '00:01 China time on 1 January (16:01 UTC on 31 December)'],
];

/** The specs whose outcome depends on today's date: they or the code they run read the clock. */
const DATE_SENSITIVE = [
  'test/clock/china-day.spec.ts',
  'test/audit/sampling.spec.ts',
  'test/audit/reconciliation.spec.ts',
  'test/audit/locks.spec.ts',
  'test/audit/seals-http.spec.ts',
  'test/api/alerts.spec.ts',
  'test/api/access-matrix.spec.ts',
  'test/cli/seed.spec.ts',
  'test/cli/trail.spec.ts',
  'libs/synthetic/src/generate-seed.spec.ts',
  'libs/audit/src/draw-sample',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const specs = process.argv.slice(2).length ? process.argv.slice(2) : DATE_SENSITIVE;
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const scratch = mkdtempSync(join(tmpdir(), 'ledger-clock-'));
const results = [];
try {
  for (const [instant, label] of CLOCK_TIMES) {
    process.stdout.write(`\n=== LEDGER_TEST_NOW=${instant}: ${label}\n`);
    const report = join(scratch, `${results.length}.json`);
    const run = spawnSync(
      process.execPath,
      [jest, '--runInBand', '--json', `--outputFile=${report}`, ...specs],
      { cwd: root, stdio: 'inherit', env: { ...process.env, LEDGER_TEST_NOW: instant } },
    );
    let counts = { numPassedTests: 0, numFailedTests: 0, numTotalTests: 0 };
    try {
      counts = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      // Jest did not get as far as a report: the exit status below says it failed.
    }
    results.push({ instant, label, status: run.status, ...counts });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

process.stdout.write('\nclock time              passed  failed  total  result\n');
for (const r of results) {
  const ok = r.status === 0 && r.numFailedTests === 0 && r.numTotalTests > 0;
  process.stdout.write(
    `${r.instant.padEnd(22)}  ${String(r.numPassedTests).padStart(6)}  ${String(r.numFailedTests).padStart(6)}  ${String(r.numTotalTests).padStart(5)}  ${ok ? 'green' : 'FAILED'}  ${r.label}\n`,
  );
}
process.exitCode = results.every((r) => r.status === 0 && r.numTotalTests > 0) ? 0 : 1;
