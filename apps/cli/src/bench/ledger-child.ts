import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { oneLine } from './bench-row';

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last part only: progress bars can write megabytes to stderr over a long import. */
  stderrTail: string;
  /** Wall clock from spawn to exit, start-up included, as an operator would time it. */
  seconds: number;
  peakRssBytes: number | undefined;
}

const STDERR_KEPT = 16_000;
let runs = 0;

/** The CLI that is running now: children are the same build, not some other copy. */
const cliMain = (): string => process.argv[1];

/**
 * Runs `ledger <args>` as its own process, the way an operator runs it, and reports its wall
 * time and peak RSS (written by the child itself at exit, see peak-rss-preload).
 */
export function runLedger(args: string[], scratch: string): Promise<ChildRun> {
  runs += 1;
  const rssFile = join(scratch, `peak-rss-${process.pid}-${runs}`);
  const preload = join(__dirname, 'peak-rss-preload.js');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // English: the bench reads its children's summaries, whatever language the operator reads.
    const child = spawn(process.execPath, ['-r', preload, cliMain(), '--lang', 'en', ...args], {
      env: { ...process.env, LEDGER_BENCH_PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderrTail = (stderrTail + d).slice(-STDERR_KEPT);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const peakRssBytes = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
      rmSync(rssFile, { force: true });
      resolve({ code, signal, stdout, stderrTail, seconds, peakRssBytes });
    });
  });
}

/** The child's own last words, for a table row that says why a step failed. */
export function childFailure(what: string, run: ChildRun): Error {
  const lastLines = run.stderrTail
    .split(/\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(-2)
    .join(' / ');
  const status = run.signal ? `signal ${run.signal}` : `exit ${run.code}`;
  return new Error(`${what}: ${status}${lastLines ? `: ${oneLine(lastLines)}` : ''}`);
}

/** Peak RSS of a process that is still running (Linux), for a server the bench stops by signal. */
export function peakRssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s*kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
