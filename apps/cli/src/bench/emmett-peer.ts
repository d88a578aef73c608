import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { oneLine } from './bench-row';
import type { Rate } from './raw-sqlite-limits';
import { sampleEvent } from './store-appends';

/*
 * The peer: Emmett's SQLite event store, given the same append workload on the same machine.
 *
 * It is not a devDependency of the project, on purpose. Its newest release (0.42.4) needs
 * @event-driven-io/emmett 0.42.4, which the npm registry does not have (E404); the newest pair
 * that installs is 0.38.5, whose core declares commander ^12 as a peer while the ledger uses
 * commander 14. npm refuses that tree, and a lock written with --legacy-peer-deps makes
 * `npm ci` (CI) refuse it too. So the bench installs the peer with npm, exact versions, into its
 * own folder in the bench cache, once; sqlite3 has no prebuilt binary reachable here and is
 * compiled from source by node-gyp (about two minutes).
 */
export const PEER_VERSION = '0.38.5';
export const PEER_NAME = `Emmett SQLite ${PEER_VERSION}`;
const PEER_PACKAGES = {
  '@event-driven-io/emmett-sqlite': PEER_VERSION,
  '@event-driven-io/emmett': PEER_VERSION,
  sqlite3: '5.1.7',
};
const INSTALL_TIMEOUT_MS = 15 * 60_000;

interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
}
interface EmmettStore {
  appendToStream(
    streamName: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: unknown },
  ): Promise<unknown>;
}
interface Sqlite3Database {
  get(sql: string, callback: (error: Error | null, row: Record<string, unknown>) => void): void;
  close(callback: (error: Error | null) => void): void;
}

export interface Peer {
  getSQLiteEventStore(options: { fileName: string }): EmmettStore;
  streamDoesNotExist: unknown;
  openDatabase(path: string): Sqlite3Database;
}

const peerFolder = (cache: string) => join(cache, `peer-emmett-sqlite-${PEER_VERSION}`);

/** The peer, installed into the cache if it is not there yet and `mayInstall`; else why not. */
export async function loadPeer(
  cache: string,
  mayInstall: boolean,
  log: (line: string) => void,
): Promise<Peer> {
  const folder = peerFolder(cache);
  const installed = existsSync(
    join(folder, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json'),
  );
  if (!installed) {
    if (!mayInstall)
      throw new Error(
        `not installed in the bench cache yet; a run without --quick installs it (npm, ~2 min)`,
      );
    log(`bench: installing ${PEER_NAME} into the bench cache (npm; sqlite3 builds from source)…`);
    await npmInstall(folder);
  }
  const load = createRequire(join(folder, 'package.json'));
  const sqlite = load('@event-driven-io/emmett-sqlite') as Pick<Peer, 'getSQLiteEventStore'>;
  const core = load('@event-driven-io/emmett') as { STREAM_DOES_NOT_EXIST: unknown };
  const sqlite3 = load('sqlite3') as { Database: new (path: string) => Sqlite3Database };
  return {
    getSQLiteEventStore: sqlite.getSQLiteEventStore,
    streamDoesNotExist: core.STREAM_DOES_NOT_EXIST,
    openDatabase: (path) => new sqlite3.Database(path),
  };
}

async function npmInstall(folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify(
      { name: 'ledger-bench-peer', private: true, dependencies: PEER_PACKAGES },
      null,
      2,
    ),
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr
      .setEncoding('utf8')
      .on('data', (d: string) => (errors = (errors + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`npm install could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const said = errors
        .split('\n')
        .filter((l) => /error/i.test(l))
        .slice(0, 3)
        .join(' / ');
      reject(
        new Error(
          `npm install of ${PEER_NAME} failed (${signal ? `signal ${signal}` : `exit ${code}`})${said ? `: ${oneLine(said)}` : ''}`,
        ),
      );
    });
  });
}

/** A rate that also counts the appends the peer refused or failed, with the first reason. */
export interface PeerRate extends Rate {
  failed: number;
  firstError?: string;
}

/**
 * Counts successes and failures instead of stopping at the first failure: a peer that fails now
 * and then (0.38.5 can answer SQLITE_BUSY "SQL statements in progress" at commit) is reported
 * with its failures, not as one error with no figure. Emmett logs a failed transaction with
 * console.log; that goes to stderr here, so stdout holds only the table.
 */
async function counted(
  appends: number | undefined,
  forSeconds: number | undefined,
  append: (i: number) => Promise<number>,
): Promise<PeerRate> {
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  const started = performance.now();
  const until = forSeconds === undefined ? Infinity : started + forSeconds * 1000;
  let count = 0;
  let failed = 0;
  let firstError: string | undefined;
  try {
    for (let i = 0; (appends === undefined || i < appends) && performance.now() < until; i += 1) {
      try {
        count += await append(i);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    console.log = log;
  }
  const seconds = (performance.now() - started) / 1000;
  return { count, seconds, perSecond: count / seconds, failed, firstError };
}

const asPeerEvent = (i: number): EmmettEvent => {
  const e = sampleEvent(i);
  return { type: e.type, data: e.data };
};

/** The ledger's single-append workload: one event, new stream, each awaited. */
export function peerSingleAppends(
  peer: Peer,
  path: string,
  forSeconds: number,
  prefix = 'single',
): Promise<PeerRate> {
  const store = peer.getSQLiteEventStore({ fileName: path });
  return counted(undefined, forSeconds, async (i) => {
    await store.appendToStream(`${prefix}-${i}`, [asPeerEvent(i)], {
      expectedStreamVersion: peer.streamDoesNotExist,
    });
    return 1;
  });
}

/** The ledger's batched workload: `batch` events per append, one stream each. Events/s. */
export function peerBatchedAppends(
  peer: Peer,
  path: string,
  events: number,
  batch: number,
  prefix = 'batch',
): Promise<PeerRate> {
  const store = peer.getSQLiteEventStore({ fileName: path });
  return counted(Math.ceil(events / batch), undefined, async (n) => {
    const size = Math.min(batch, events - n * batch);
    await store.appendToStream(
      `${prefix}-${n}`,
      Array.from({ length: size }, (_, k) => asPeerEvent(n * batch + k)),
      { expectedStreamVersion: peer.streamDoesNotExist },
    );
    return size;
  });
}

/**
 * The peer sets no synchronous pragma; what its connections get is the sqlite3 build's default,
 * read here from a connection to the same file, so the table says how durable its commits were.
 */
export function peerSynchronous(peer: Peer, path: string): Promise<string> {
  const db = peer.openDatabase(path);
  return new Promise((resolve, reject) => {
    db.get('PRAGMA synchronous', (error, row) => {
      // Closed before the answer is given, so no connection of the bench's outlives the read.
      db.close(() => {
        if (error) return reject(error);
        const level = Number(Object.values(row)[0]);
        resolve(['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level));
      });
    });
  });
}
