import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Options, Result } from 'autocannon';
import { ActorAdmin, OPERATOR, type Role } from '@libs/access';
import { SqliteEventStore, systemClock } from '@libs/ledger';
import { HUANCUI_DISTRICT } from '@libs/synthetic';
import { oneLine } from './bench-row';
import { followUpBodies } from './follow-up-bodies';
import { summarise } from './latency';
import { API_MAIN, startApiProcess } from './api-process';

export interface HttpLevel {
  connections: number;
  seconds: number;
  /** 2xx answers per second: commands the ledger acknowledged as durable. */
  acknowledgedPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that got no answer at all. */
  noAnswer: number;
  /** e.g. "409×3, 503×1", when there were non-2xx answers. */
  statuses: string;
  /** Every run's acknowledged commands per second, in the order run (this level is the median run). */
  rounds: number[];
}

export interface HttpFigures {
  levels: HttpLevel[];
  /** Events in the store when the load began. */
  storeEvents: number;
  /** Time the API took from spawn to its projection having caught up with the store. */
  readySeconds: number;
  projectionLagAtStart: number;
  apiPeakRssBytes: number | undefined;
  logLevel: string;
  /** The load generator and its version, as installed. */
  generator: string;
}

// The API folds the whole store into its indicator model before it listens: minutes for a year.
export const READY_TIMEOUT_MS = 15 * 60_000;
const CATCH_UP_TIMEOUT_MS = 10 * 60_000;

/**
 * Real HTTP against the real API process on loopback, durable store, driven by autocannon: a
 * recorder key scoped to the district posts RecordFollowUp commands, each unique. The store is
 * the one the durable import just filled, so the API works on a district's worth of events.
 */
export async function httpLoad(options: {
  storePath: string;
  /** The file that was imported into the store: the residents the bodies are for. */
  importedFile: string;
  seconds: number;
  warmupSeconds: number;
  /** Runs per level; the run with the median rate is reported (see HttpLevel.rounds). */
  rounds?: number;
  connections: number[];
  log: (line: string) => void;
}): Promise<HttpFigures> {
  if (!existsSync(API_MAIN)) throw new Error('the API is not built (npm run build)');
  const { default: autocannon } = await import('autocannon');
  const key = await actorKey(options.storePath, 'bench recorder', ['recorder']);
  const nextBody = await followUpBodies(options.importedFile, Date.now().toString(36));
  const logLevel = process.env.LOG_LEVEL ?? 'info';
  options.log('bench: starting the API (it reads the whole store into its projection first)…');
  const running = await startApiProcess(options.storePath, logLevel);
  const { api, base, started } = running;
  try {
    const health = await ready(base, api, running.stderrTail);
    const lagAtStart = health.projectionLag;
    if (lagAtStart > 0)
      options.log(`bench: API up; waiting for its projection to catch up (${lagAtStart} events)…`);
    await caughtUp(base);
    const readySeconds = (performance.now() - started) / 1000;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const first = await fetch(`${base}/api/v1/commands`, {
      method: 'POST',
      headers,
      body: nextBody(),
    });
    if (!first.ok)
      throw new Error(
        `a sample command was refused (${first.status}): ${oneLine(await first.text())}`,
      );
    const load = (connections: number, duration: number) =>
      new Promise<{ result: Result; latencies: number[] }>((resolve, reject) => {
        // autocannon's own histogram keeps whole milliseconds, too coarse for a 2 ms target; the
        // response event carries the exact time, kept here for 2xx answers as autocannon does.
        const latencies: number[] = [];
        const instance = autocannon(
          {
            url: base,
            connections,
            duration,
            requests: [
              {
                method: 'POST',
                path: '/api/v1/commands',
                headers,
                // Every request a new command: a repeated commandId is answered from the log.
                setupRequest: (request) => ({ ...request, body: nextBody() }),
              },
            ],
          } satisfies Options,
          (error: unknown, result: Result) =>
            error ? reject(error as Error) : resolve({ result, latencies }),
        );
        instance.on('response', (_client, status, _bytes, ms) => {
          if (status >= 200 && status < 300) latencies.push(ms);
        });
      });
    // Not reported: lets the JIT, the caches and the connection pool settle first.
    if (options.warmupSeconds > 0) await load(8, options.warmupSeconds);
    const levels: HttpLevel[] = [];
    const rounds = Math.max(1, options.rounds ?? 1);
    for (const connections of options.connections) {
      const runs: HttpLevel[] = [];
      for (let round = 1; round <= rounds; round += 1) {
        options.log(
          `bench: HTTP, ${connections} connection(s), ${options.seconds} s, run ${round} of ${rounds}…`,
        );
        const { result, latencies } = await load(connections, options.seconds);
        runs.push(level(connections, result, latencies));
      }
      levels.push(medianRun(runs));
    }
    return {
      levels,
      storeEvents: health.headPosition,
      readySeconds,
      projectionLagAtStart: lagAtStart,
      apiPeakRssBytes: running.peakRssBytes(),
      logLevel,
      generator: `autocannon ${(createRequire(__filename)('autocannon/package.json') as { version: string }).version}`,
    };
  } finally {
    running.release();
    await stop(api);
  }
}

export interface RestartFigures {
  /** From spawn to the first 200 answer for the district's rates. */
  firstRatesSeconds: number;
  /** Whether that answer came from saved figures (the model still reading the log). */
  fromSavedFigures: boolean;
  /** From spawn to the model having read the whole log. */
  caughtUpSeconds: number;
  peakRssBytes: number | undefined;
}

/** The API started on a store it has served before: how soon it answers the district's rates. */
export async function restartTiming(
  storePath: string,
  key: string,
  year: number,
  logLevel: string,
): Promise<RestartFigures> {
  const running = await startApiProcess(storePath, logLevel);
  const { api, base, started } = running;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let firstRatesSeconds = NaN;
    let fromSavedFigures = false;
    while (Date.now() < deadline) {
      if (api.exitCode !== null || api.signalCode !== null)
        throw new Error('the API exited during its restart');
      try {
        const rates = await fetch(
          `${base}/api/v1/rates?period=${year}&unit=${HUANCUI_DISTRICT.unitId}`,
          {
            headers: { authorization: `Bearer ${key}` },
          },
        );
        await rates.arrayBuffer();
        if (rates.ok) {
          firstRatesSeconds = (performance.now() - started) / 1000;
          const health = (await (await fetch(`${base}/health`)).json()) as {
            figures?: { warming: boolean };
          };
          fromSavedFigures = health.figures?.warming ?? false;
          break;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await caughtUp(base);
    return {
      firstRatesSeconds,
      fromSavedFigures,
      caughtUpSeconds: (performance.now() - started) / 1000,
      peakRssBytes: running.peakRssBytes(),
    };
  } finally {
    running.release();
    await stop(api);
  }
}

/** The run with the median rate, carrying every run's rate (its latencies are its own). */
export function medianRun(runs: readonly HttpLevel[]): HttpLevel {
  const sorted = [...runs].sort((a, b) => a.acknowledgedPerSecond - b.acknowledgedPerSecond);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)],
    rounds: runs.map((r) => r.acknowledgedPerSecond),
  };
}

function level(connections: number, r: Result, latencies: number[]): HttpLevel {
  const latency = summarise(latencies);
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(', ');
  return {
    connections,
    seconds: r.duration,
    acknowledgedPerSecond: r['2xx'] / r.duration,
    p50: latency.p50,
    p99: latency.p99,
    non2xx: r.non2xx,
    noAnswer: r.errors + r.timeouts,
    statuses,
    rounds: [r['2xx'] / r.duration],
  };
}

/** An actor of the whole district, made through the ledger's own actor commands. */
export async function actorKey(storePath: string, name: string, roles: Role[]): Promise<string> {
  const store = new SqliteEventStore({ path: storePath });
  try {
    const admin = new ActorAdmin(store, systemClock, OPERATOR);
    const { key } = await admin.add({ name, roles, unitId: HUANCUI_DISTRICT.unitId });
    return key;
  } finally {
    await store.close();
  }
}

interface Health {
  headPosition: number;
  projectionLag: number;
}

export async function ready(base: string, api: ChildProcess, said: () => string): Promise<Health> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (api.exitCode !== null || api.signalCode !== null)
      throw new Error(`the API exited before answering: ${oneLine(said())}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return (await response.json()) as Health;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not answer /health within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * A projection still catching up, or (with `figures`) kept figures still being built after it,
 * would take CPU from the requests being measured.
 */
export async function caughtUp(base: string, figures = true): Promise<void> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${base}/health`)).json()) as Health & {
      figures?: { kept: number[]; ready: number[] };
    };
    const building = health.figures && health.figures.kept.length !== health.figures.ready.length;
    if (health.projectionLag === 0 && !(figures && building)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `the API's projection had not caught up after ${CATCH_UP_TIMEOUT_MS / 60_000} min`,
  );
}

export async function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null) return;
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.kill('SIGTERM');
  const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
