/*
 * Loaded with `node -r` into a benchmarked child process. A parent cannot read a child's peak
 * memory once it has exited, and polling misses a peak reached between two polls; the child's
 * own getrusage at exit is exact, so it writes that where the parent asked.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.LEDGER_BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    // maxRSS is in kilobytes (getrusage ru_maxrss).
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
