import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';

export const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
};

export const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};

/** The options as commander parses them. */
export interface BenchOptions {
  quick?: boolean;
  lines?: number;
  cache?: string;
  refreshCache?: boolean;
  doc?: string;
  seed: boolean;
  peer: boolean;
  seconds?: number;
  httpSeconds?: number;
  events?: number;
  batch?: number;
  deliveries?: number;
}

/** What one run does: the full bench, or a smoke run of a few seconds (--quick). */
export interface BenchPlan {
  quick: boolean;
  /** --quick works on the 1 % district so the whole run takes seconds, not minutes. */
  scale: 'district' | 'small';
  lines: number | undefined;
  cache: string;
  customCache: boolean;
  refreshCache: boolean;
  doc: string | undefined;
  seed: boolean;
  peer: boolean;
  /** The peer's first install takes minutes; a smoke run uses it only when already cached. */
  mayInstallPeer: boolean;
  timedSeconds: number;
  httpSeconds: number;
  warmupSeconds: number;
  /** Runs of each HTTP level: the median one is reported, with the others' spread. */
  httpRounds: number;
  chainedRows: number;
  events: number;
  batch: number;
  deliveries: number;
  inFlight: number;
  connections: number[];
}

export const DEFAULT_DOC = join('docs', 'benchmarks.md');

export function planFrom(o: BenchOptions): BenchPlan {
  const quick = o.quick === true;
  return {
    quick,
    scale: quick ? 'small' : 'district',
    lines: o.lines ?? (quick ? 3_000 : undefined),
    cache: o.cache ?? join(tmpdir(), 'ledger-bench-cache'),
    customCache: o.cache !== undefined,
    refreshCache: o.refreshCache === true,
    // Smoke figures are not the benchmark: a quick run leaves docs/benchmarks.md alone.
    doc: o.doc ?? (quick ? undefined : DEFAULT_DOC),
    seed: o.seed,
    peer: o.peer,
    mayInstallPeer: !quick,
    timedSeconds: o.seconds ?? (quick ? 0.5 : 5),
    httpSeconds: o.httpSeconds ?? (quick ? 1 : 10),
    warmupSeconds: quick ? 0.5 : 3,
    // One 10 s run moved by ±30 % from bench to bench on this machine: three make a change readable.
    httpRounds: quick ? 1 : 3,
    chainedRows: quick ? 5_000 : 200_000,
    events: o.events ?? (quick ? 5_000 : 100_000),
    batch: o.batch ?? 100,
    deliveries: o.deliveries ?? (quick ? 20 : 200),
    inFlight: 32,
    connections: [1, 32],
  };
}

/** The command line, for the report: options only, never a path of this machine. */
export function describeRun(plan: BenchPlan, o: BenchOptions): string {
  const parts = ['npm run bench'];
  const extra: string[] = [];
  if (plan.quick) extra.push('--quick');
  if (o.lines !== undefined) extra.push(`--lines ${o.lines}`);
  if (plan.customCache) extra.push('--cache DIR');
  if (plan.refreshCache) extra.push('--refresh-cache');
  if (o.doc !== undefined) extra.push('--doc FILE');
  if (!plan.seed) extra.push('--no-seed');
  if (!plan.peer) extra.push('--no-peer');
  if (o.seconds !== undefined) extra.push(`--seconds ${o.seconds}`);
  if (o.httpSeconds !== undefined) extra.push(`--http-seconds ${o.httpSeconds}`);
  if (o.events !== undefined) extra.push(`--events ${o.events}`);
  if (o.batch !== undefined) extra.push(`--batch ${o.batch}`);
  if (o.deliveries !== undefined) extra.push(`--deliveries ${o.deliveries}`);
  if (extra.length > 0) parts.push('--', ...extra);
  return parts.join(' ');
}
