import Database, { type Database as Db } from 'better-sqlite3';
import { GENESIS_HASH, type HashedFields, eventHash, eventIdFor, logHash } from '@libs/ledger';
// The store's own table, indexes and append-only triggers, so an insert costs what the store's does.
import { type EventRow, applySchema } from '@libs/ledger/sqlite/sqlite-schema';

/*
 * What this disk and CPU allow before any ledger code runs: the ceilings the ledger's own
 * figures are read against. Plain better-sqlite3, the same pragmas as the store
 * (WAL, synchronous=FULL), and the ledger's own hash functions.
 */

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
}

const rate = (count: number, startedMs: number): Rate => {
  const seconds = (performance.now() - startedMs) / 1000;
  return { count, seconds, perSecond: count / seconds };
};

function open(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/** One-row transactions, each committed on its own: bounded by the fsync of the WAL. */
export function fsyncedTransactions(path: string, forSeconds: number): Rate {
  const db = open(path);
  try {
    db.exec('CREATE TABLE one_row (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO one_row (payload) VALUES (?)');
    const started = performance.now();
    const until = started + forSeconds * 1000;
    let count = 0;
    while (performance.now() < until) {
      insert.run(`row ${count}`);
      count += 1;
    }
    return rate(count, started);
  } finally {
    db.close();
  }
}

/** A follow-up as the ledger stores one: the payload the hashes and parses below work on. */
function fields(i: number): HashedFields {
  const commandId = `raw-${i}`;
  return {
    eventId: eventIdFor(commandId, 0),
    type: 'FollowUpRecorded',
    schemaVersion: 1,
    streamId: `resident-hc-jy-${i}`,
    revision: 0,
    recordedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    occurredAt: '2024-03-05',
    actor: 'bench',
    correlationId: null,
    causationId: null,
    commandId,
    data: {
      residentId: `hc-jy-${i}`,
      recordId: `hc-jy-${i}-htn-fu1`,
      doctorId: 'hc-jy-d1',
      condition: 'hypertension',
      mode: 'face_to_face_clinic',
      systolic: 128 + (i % 20),
      diastolic: 82,
      weightKg: 70.5,
      referral: false,
      occurredAt: '2024-03-05',
    },
  };
}

/**
 * The event hash alone, no database: canonical JSON (RFC 8785) and SHA-256 over it and the
 * previous hash. Beside the chained inserts, it says how much of their cost is hashing.
 */
export function eventHashes(count: number): Rate {
  const started = performance.now();
  let previous = GENESIS_HASH;
  for (let i = 0; i < count; i += 1) previous = eventHash(previous, fields(i));
  return rate(count, started);
}

/**
 * Hash-chained inserts in one transaction: SHA-256 over the previous hash and the event's
 * canonical JSON, then the log-chain link, as the ledger computes them; one commit at the end.
 * The store is left in place for readHashParse.
 */
export function chainedInserts(path: string, count: number): Rate {
  const db = open(path);
  try {
    applySchema(db);
    const insert = db.prepare(`INSERT INTO events (position, event_id, stream_id, revision, type,
      schema_version, recorded_at, occurred_at, actor, correlation_id, causation_id, command_id,
      data, hash, log_hash) VALUES (@position, @eventId, @streamId, @revision, @type,
      @schemaVersion, @recordedAt, @occurredAt, @actor, @correlationId, @causationId, @commandId,
      @data, @hash, @logHash)`);
    const started = performance.now();
    db.transaction(() => {
      let previous = GENESIS_HASH;
      let previousLog = GENESIS_HASH;
      for (let i = 0; i < count; i += 1) {
        const event = fields(i);
        const hash = eventHash(previous, event);
        const position = i + 1;
        const link = logHash(previousLog, hash, position);
        insert.run({ ...event, position, data: JSON.stringify(event.data), hash, logHash: link });
        previous = hash;
        previousLog = link;
      }
    })();
    return rate(count, started);
  } finally {
    db.close();
  }
}

/**
 * Reading every stored row back, parsing its data and recomputing its hash: the floor under
 * `verify`, a rebuild or a projection catching up.
 */
export function readHashParse(path: string): Rate {
  const db = open(path);
  try {
    const started = performance.now();
    let previous = GENESIS_HASH;
    let count = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate()) {
      const r = row as EventRow;
      const hash = eventHash(previous, {
        eventId: r.event_id,
        type: r.type,
        schemaVersion: r.schema_version,
        streamId: r.stream_id,
        revision: r.revision,
        recordedAt: r.recorded_at,
        occurredAt: r.occurred_at,
        actor: r.actor,
        correlationId: r.correlation_id,
        causationId: r.causation_id,
        commandId: r.command_id,
        data: JSON.parse(r.data) as Record<string, unknown>,
      });
      // A mismatch would mean the figure measured something other than a clean re-hash.
      if (hash !== r.hash) throw new Error(`re-hash differs at position ${r.position}`);
      previous = hash;
      count += 1;
    }
    return rate(count, started);
  } finally {
    db.close();
  }
}
