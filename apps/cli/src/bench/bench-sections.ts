import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchPlan } from './bench-options';
import {
  type BenchRow,
  atLeast,
  atMost,
  failedRow,
  grouped,
  megabytes,
  ms,
  perSecond,
  seconds,
} from './bench-row';
import { crossProcessDelays } from './delivery-delay';
import { type DistrictFile, SEED_YEAR } from './district-file';
import { type DistrictReads, districtReads } from './district-reads';
import { type Peer, loadPeer } from './emmett-peer';
import { httpLoad } from './http-load';
import { importThroughput } from './import-throughput';
import { summarise } from './latency';
import { childFailure, runLedger } from './ledger-child';
import {
  chainedInserts,
  eventHashes,
  fsyncedTransactions,
  readHashParse,
} from './raw-sqlite-limits';
import { seedTime } from './seed-time';
import { comparedAppendRows } from './peer-comparison';
import { ledgerConcurrentAppends } from './store-appends';

/** Targets of issue 14, for this 2-core machine. */
const TARGET = {
  importLinesPerSecond: 80_000,
  peakRssBytes: 500_000_000,
  seedSeconds: 60,
  httpPerSecond: 3_000,
  httpP99Ms: 25,
  singleP50Ms: 2,
  deliveryP95Ms: 50,
  // Issue 15: the read side at district scale.
  apiStartSeconds: 2,
  apiPeakRssBytes: 500_000_000,
};

export interface Context {
  plan: BenchPlan;
  scratch: string;
  log: (line: string) => void;
  /** The raw read + JSON.parse + SHA-256 rate of this run, once measured (rebuild compares to it). */
  rawReadPerSecond?: number;
}

const removeStore = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
};

export function rawLimitRows(context: Context): BenchRow[] {
  const { plan, scratch, log } = context;
  const section = 'Raw limits of this machine' as const;
  const rows: BenchRow[] = [];
  log('bench: raw SQLite limits…');
  const oneRow = join(scratch, 'raw-fsync.sqlite');
  try {
    const fsync = fsyncedTransactions(oneRow, plan.timedSeconds);
    rows.push({
      section,
      measure: "one-row transactions, each fsync'd (WAL, synchronous=FULL)",
      result: perSecond(fsync.perSecond, 'transactions'),
      note: `${grouped(fsync.count)} commits in ${seconds(fsync.seconds)}`,
    });
  } catch (error) {
    rows.push(failedRow(section, "one-row fsync'd transactions", error));
  } finally {
    removeStore(oneRow);
  }
  const chain = join(scratch, 'raw-chain.sqlite');
  try {
    const inserts = chainedInserts(chain, plan.chainedRows);
    rows.push({
      section,
      measure: 'hash-chained inserts in one transaction',
      result: perSecond(inserts.perSecond, 'rows'),
      note: `${grouped(inserts.count)} rows: event id (UUID v5 of the commandId), SHA-256 over previous hash + canonical JSON, log-chain link, the events table's unique indexes`,
    });
    const hashes = eventHashes(plan.chainedRows);
    rows.push({
      section,
      measure: 'of which: the event hash alone, no database',
      result: perSecond(hashes.perSecond, 'hashes'),
      note: 'canonical JSON (RFC 8785) + SHA-256 of the same events, one core',
    });
    const read = readHashParse(chain);
    context.rawReadPerSecond = read.perSecond;
    rows.push({
      section,
      measure: 'read + JSON.parse + SHA-256 re-hash of stored rows',
      result: perSecond(read.perSecond, 'rows'),
      note: `${grouped(read.count)} rows, every hash recomputed and compared`,
    });
  } catch (error) {
    rows.push(failedRow(section, 'hash-chained inserts / read + re-hash', error));
  } finally {
    removeStore(chain);
  }
  return rows;
}

export async function appendRows({ plan, scratch, log }: Context): Promise<BenchRow[]> {
  const section = 'Appends through the store' as const;
  let peer: Peer | { skipped: string } | { failed: unknown };
  if (!plan.peer) peer = { skipped: '--no-peer' };
  else {
    try {
      peer = await loadPeer(plan.cache, plan.mayInstallPeer, log);
    } catch (error) {
      peer = { failed: error };
    }
  }
  const rows = await comparedAppendRows(plan, scratch, peer, log);
  const measure = `ledger: single appends, ${plan.inFlight} in flight`;
  log(`bench: ${measure}…`);
  const path = join(scratch, 'ledger-concurrent.sqlite');
  try {
    const r = await ledgerConcurrentAppends(path, plan.timedSeconds, plan.inFlight);
    rows.push({
      section,
      measure,
      result: perSecond(r.perSecond, 'appends'),
      note: `${grouped(r.count)} appends; group commit shares one transaction and fsync among those arriving together; no peer figure (its workload runs one at a time)`,
    });
  } catch (error) {
    rows.push(failedRow(section, measure, error));
  } finally {
    removeStore(path);
  }
  return rows;
}

export async function deliveryRows({ plan, scratch, log }: Context): Promise<BenchRow[]> {
  const section = 'Subscription delivery' as const;
  const measure = 'append in another process → delivered here';
  log('bench: cross-process subscription delivery…');
  const path = join(scratch, 'delivery.sqlite');
  try {
    const delays = await crossProcessDelays(path, plan.deliveries);
    if (delays.length === 0) throw new Error('no event was delivered within 5 s');
    const s = summarise(delays);
    return [
      {
        section,
        measure,
        result: `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}`,
        ...atMost(s.p95, TARGET.deliveryP95Ms, `${TARGET.deliveryP95Ms} ms (p95)`),
        note: `${s.samples} of ${plan.deliveries} appends delivered; millisecond clock`,
      },
    ];
  } catch (error) {
    return [failedRow(section, measure, error)];
  } finally {
    removeStore(path);
  }
}

const fileNote = (file: DistrictFile): string =>
  file.lines === file.yearLines
    ? `the whole ${file.scale} year, ${grouped(file.lines)} lines`
    : `first ${grouped(file.lines)} of the ${file.scale} year's ${grouped(file.yearLines)} lines (--lines)`;

export function emitRow(file: DistrictFile): BenchRow {
  return {
    section: 'Seed',
    measure: `seed --scale ${file.scale} --emit (commands only, no store)`,
    result:
      file.emitSeconds !== undefined ? seconds(file.emitSeconds) : 'not run: file from the cache',
    note:
      file.emitSeconds !== undefined
        ? `${grouped(file.yearLines)} lines, generated in this run and cached`
        : 'generated by an earlier run (--refresh-cache to time it)',
  };
}

/**
 * Durable then --fast into fresh stores. The durable store is kept (returned) for the HTTP load;
 * the caller removes it.
 */
export async function importRows(
  { plan, scratch, log }: Context,
  file: DistrictFile,
): Promise<{ rows: BenchRow[]; durableStore?: string }> {
  const section = 'Import of a district year' as const;
  const rows: BenchRow[] = [];
  let durableStore: string | undefined;
  for (const fast of [false, true]) {
    const name = fast ? 'import --fast (synchronous=NORMAL)' : 'import, durable (synchronous=FULL)';
    const store = join(scratch, fast ? 'import-fast.sqlite' : 'import-durable.sqlite');
    log(`bench: ${name}, ${grouped(file.lines)} lines…`);
    try {
      const r = await importThroughput(file.path, store, fast, scratch);
      const rejected = r.rejected > 0 ? `; ${grouped(r.rejected)} lines rejected` : '';
      const atDistrict = plan.scale === 'district';
      rows.push({
        section,
        measure: name,
        result: perSecond(r.linesPerSecond, 'lines'),
        ...(!fast && atDistrict
          ? atLeast(r.linesPerSecond, TARGET.importLinesPerSecond, '80,000 lines/s')
          : {}),
        note: `${fileNote(file)} in ${seconds(r.wallSeconds)}${rejected}`,
      });
      rows.push({
        section,
        measure: `${name}: peak RSS`,
        result: r.peakRssBytes !== undefined ? megabytes(r.peakRssBytes) : 'not measured',
        ...(r.peakRssBytes !== undefined && atDistrict
          ? atMost(r.peakRssBytes, TARGET.peakRssBytes, '500 MB')
          : {}),
      });
      if (!fast) durableStore = store;
    } catch (error) {
      rows.push(failedRow(section, name, error));
    } finally {
      if (fast) removeStore(store);
    }
  }
  return { rows, durableStore };
}

export async function seedRows(
  { plan, scratch, log }: Context,
  /** What else is measured on the seeded store before it is removed. */
  onStore?: (storePath: string) => Promise<BenchRow[]>,
): Promise<BenchRow[]> {
  const measure = `seed --scale ${plan.scale} into a store`;
  if (!plan.seed) return [{ section: 'Seed', measure, result: 'skipped: --no-seed' }];
  log(`bench: ${measure}…`);
  const store = join(scratch, 'seed.sqlite');
  try {
    const r = await seedTime(plan.scale, store, scratch);
    const seeded: BenchRow[] = [
      {
        section: 'Seed',
        measure,
        result: seconds(r.wallSeconds),
        ...(plan.scale === 'district' ? atMost(r.wallSeconds, TARGET.seedSeconds, '60 s') : {}),
        note:
          `${grouped(r.commands)} commands, ${grouped(r.events)} events, ${grouped(r.refused)} refused` +
          (r.peakRssBytes !== undefined ? `; peak RSS ${megabytes(r.peakRssBytes)}` : ''),
      },
    ];
    return [...seeded, ...(onStore ? await onStore(store) : [])];
  } catch (error) {
    return [failedRow('Seed', measure, error)];
  } finally {
    removeStore(store);
  }
}

export async function httpRows(
  { plan, log }: Context,
  storePath: string | undefined,
  file: DistrictFile,
): Promise<BenchRow[]> {
  const section = 'HTTP commands (loopback, durable store)' as const;
  if (!storePath)
    return [failedRow(section, 'HTTP load', new Error('needs the store the durable import fills'))];
  log('bench: HTTP load against the API…');
  try {
    const r = await httpLoad({
      storePath,
      importedFile: file.path,
      seconds: plan.httpSeconds,
      warmupSeconds: plan.warmupSeconds,
      rounds: plan.httpRounds,
      connections: plan.connections,
      log,
    });
    const setting =
      `store of ${grouped(r.storeEvents)} events (the durable import); LOG_LEVEL=${r.logLevel}; ` +
      `${r.generator} in the bench process on the same cores; API ready in ${seconds(r.readySeconds)}` +
      (r.apiPeakRssBytes !== undefined ? `; API peak RSS ${megabytes(r.apiPeakRssBytes)}` : '');
    const rows: BenchRow[] = [];
    for (const l of r.levels) {
      const single = l.connections === 1;
      const label = `${l.connections} connection${single ? '' : 's'}`;
      rows.push({
        section,
        measure: `${label}: commands acknowledged`,
        result: perSecond(l.acknowledgedPerSecond, 'commands'),
        ...(single ? {} : atLeast(l.acknowledgedPerSecond, TARGET.httpPerSecond, '3,000/s')),
        note:
          l.rounds.length > 1
            ? `the median of ${l.rounds.length} runs of ${seconds(l.seconds)} (each: ${l.rounds.map((x) => `${grouped(x)}/s`).join(', ')}); latency and answers below are that run's`
            : `${seconds(l.seconds)} of load`,
      });
      rows.push({
        section,
        measure: `${label}: latency`,
        result: `p50 ${ms(l.p50)}, p99 ${ms(l.p99)}`,
        ...(single
          ? atMost(l.p50, TARGET.singleP50Ms, '2 ms (p50)')
          : atMost(l.p99, TARGET.httpP99Ms, '25 ms (p99)')),
      });
      rows.push({
        section,
        measure: `${label}: non-2xx answers`,
        result: grouped(l.non2xx),
        note:
          [l.statuses, l.noAnswer > 0 ? `${grouped(l.noAnswer)} without an answer` : '']
            .filter(Boolean)
            .join('; ') || 'every request answered 2xx',
      });
    }
    rows[0].note = `${rows[0].note}; ${setting}`;
    return rows;
  } catch (error) {
    return [failedRow(section, 'HTTP load', error)];
  }
}

/** The read side on the seeded district: the API's start, its reads, the live feed, a restart. */
export async function readsRows(
  { log }: Context,
  storePath: string,
  scale: string,
): Promise<BenchRow[]> {
  try {
    return readRows(await districtReads({ storePath, year: SEED_YEAR, log }), scale);
  } catch (error) {
    return [failedRow('Reads of the district (API on the seeded store)', 'district reads', error)];
  }
}

/** The district's reads, each beside its target (issue 15), first call and again. */
function readRows(r: DistrictReads, scale: string): BenchRow[] {
  const section = 'Reads of the district (API on the seeded store)' as const;
  const { reads } = r;
  const rows: BenchRow[] = [
    {
      section,
      measure: 'API first start to serving (no saved figures: the model reads the log first)',
      result: seconds(r.readySeconds),
      ...atMost(r.readySeconds, TARGET.apiStartSeconds, '2 s'),
      note: `seed --scale ${scale}: ${grouped(r.storeEvents)} events; the API reads the whole log into its model`,
    },
    {
      section,
      measure: 'API peak RSS (reads and the write load after them)',
      result: r.apiPeakRssBytes === undefined ? 'not measured' : megabytes(r.apiPeakRssBytes),
      ...(r.apiPeakRssBytes === undefined
        ? {}
        : atMost(r.apiPeakRssBytes, TARGET.apiPeakRssBytes, '500 MB')),
    },
    {
      section,
      measure: 'district rates, asked at once on serving (figures not yet kept: evaluated)',
      result: ms(reads.beforeKept.ms),
      ...atMost(reads.beforeKept.ms, 200, '200 ms'),
      note: `HTTP ${reads.beforeKept.status}`,
    },
    {
      section,
      measure: 'figures of every kept year ready (built in slices after serving)',
      result: reads.kept ? seconds(reads.keptSeconds) : 'not kept',
      note: reads.kept
        ? 'the current figures and the 36 ten-day checkpoints, every resident visited once'
        : "the store holds too few of the year's records to keep it: its reads below are evaluated per request",
    },
  ];
  const { live, restart } = r;
  rows.push(
    {
      section,
      measure: 'API restart on the same store: first answer of the district rates',
      result: seconds(restart.firstRatesSeconds),
      ...atMost(restart.firstRatesSeconds, TARGET.apiStartSeconds, '2 s'),
      note: restart.fromSavedFigures
        ? `served from the figures saved at shutdown while the model read the log (all of it read after ${seconds(restart.caughtUpSeconds)})`
        : `the model had read the whole log first (${seconds(restart.caughtUpSeconds)})`,
    },
    {
      section,
      measure: 'API restart: peak RSS',
      result: restart.peakRssBytes === undefined ? 'not measured' : megabytes(restart.peakRssBytes),
      ...(restart.peakRssBytes === undefined
        ? {}
        : atMost(restart.peakRssBytes, TARGET.apiPeakRssBytes, '500 MB')),
    },
  );
  rows.push(
    {
      section,
      measure: `live feed: command acknowledged → delta at each of ${live.subscribers} subscribers`,
      result: `p50 ${ms(live.delivery.p50)}, p99 ${ms(live.delivery.p99)}, max ${ms(live.delivery.max)}`,
      ...atMost(live.delivery.p99, 200, '200 ms (p99)'),
      note:
        `${live.commands} commands, one every 250 ms; ${grouped(live.delivery.count)} deliveries` +
        (live.delivery.missing
          ? `, ${grouped(live.delivery.missing)} not within 5 s`
          : ', none missing'),
    },
    {
      section,
      measure: 'live feed: size of a delta',
      result: `p50 ${grouped(live.deltaBytes.p50)} bytes, max ${grouped(live.deltaBytes.max)} bytes`,
      ...atMost(live.deltaBytes.max, 5_000, '5 KB'),
    },
    {
      section,
      measure: '/health answer time while the live feed runs',
      result: `p50 ${ms(live.health.p50)}, p99 ${ms(live.health.p99)}, max ${ms(live.health.max)}`,
      ...atMost(live.health.p99, 50, '50 ms (p99)'),
      note: 'polled every 20 ms during the live-feed run (its commands and subscribers), not under the full write load',
    },
  );
  for (const p of reads.probes)
    rows.push({
      section,
      measure: p.name,
      result: `first ${ms(p.firstMs)}, again ${ms(p.againMs)}`,
      ...atMost(Math.max(p.firstMs, p.againMs), p.targetMs, p.targetText),
      note: `HTTP ${p.status}, ${grouped(p.bytes)} bytes; ${p.path}`,
    });
  return rows;
}

/** `ledger rebuild` of the seeded store, on one thread and on worker threads. */
export async function rebuildRows(
  { scratch, log, rawReadPerSecond }: Context,
  storePath: string | undefined,
): Promise<BenchRow[]> {
  const section = 'Rebuild of the read models' as const;
  if (!storePath) return [failedRow(section, 'rebuild', new Error('needs the seeded store'))];
  const rows: BenchRow[] = [];
  for (const threads of [1, 2]) {
    const measure = `ledger rebuild, every hash checked, ${threads === 1 ? '1 thread' : `${threads} worker threads`}`;
    log(`bench: ${measure}…`);
    try {
      const run = await runLedger(
        ['rebuild', '--store', `sqlite:${storePath}`, '--threads', String(threads), '--json'],
        scratch,
      );
      if (run.code !== 0) throw childFailure('rebuild', run);
      const summary = JSON.parse(run.stdout) as { events: number; years: number[] };
      const rate = summary.events / run.seconds;
      const ratio = rawReadPerSecond ? rate / rawReadPerSecond : undefined;
      const floor = threads === 1 ? 0.8 : 1;
      rows.push({
        section,
        measure,
        result: `${perSecond(rate, 'events')}${ratio === undefined ? '' : ` (${ratio.toFixed(2)}× raw)`}`,
        ...(rawReadPerSecond
          ? atLeast(rate, floor * rawReadPerSecond, `${floor}× the raw read + hash + parse rate`)
          : {}),
        note:
          `${grouped(summary.events)} events in ${seconds(run.seconds)} from spawn to exit; figures of ` +
          `${summary.years.join(', ')} written` +
          (run.peakRssBytes !== undefined ? `; peak RSS ${megabytes(run.peakRssBytes)}` : ''),
      });
    } catch (error) {
      rows.push(failedRow(section, measure, error));
    }
  }
  return rows;
}
