import type { Database } from 'better-sqlite3';

// Positions are assigned explicitly (head + 1) inside the write transaction so they stay dense.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  recorded_at    TEXT    NOT NULL,
  occurred_at    TEXT    NOT NULL,
  actor          TEXT    NOT NULL,
  correlation_id TEXT,
  causation_id   TEXT,
  command_id     TEXT,
  command_fingerprint TEXT,
  source_recorded_at TEXT,
  data           TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  log_hash       TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_command ON events (command_id) WHERE command_id IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS events_refuse_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_refuse_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only: DELETE refused'); END;
`;

const PAGE_CACHE_MB = 64;

export function applySchema(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit the ledger acknowledged survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // Bulk loads dirty the same index pages batch after batch: checkpointing every ~80 MB of WAL
  // (not SQLite's default 4 MB) writes each page back once for many commits instead of once per commit.
  db.pragma('wal_autocheckpoint = 20000');
  // 64 MB of page cache instead of SQLite's 8 MB: a district's log is a gigabyte whose three
  // indexes take random keys (event ids, command ids, stream ids), so each append and each
  // stream read touches index pages all over the file. With 8 MB nearly every one was a read
  // from the OS: the first 400,000 lines of a district year imported about 13 % faster with
  // 64 MB than with 2 MB (two runs each, quiet machine); the whole year's import peaked at
  // 464 MB RSS with it, within the import's 500 MB bound.
  db.pragma(`cache_size = -${PAGE_CACHE_MB * 1024}`);
  db.exec(SCHEMA);
  addFingerprintColumn(db);
}

/**
 * Stores made before command fingerprints lack the column. ADD COLUMN rewrites no row (the
 * append-only triggers guard UPDATE and DELETE, not the table's shape), and old rows read NULL.
 */
function addFingerprintColumn(db: Database): void {
  const columns = db.pragma('table_info(events)') as { name: string }[];
  for (const column of ['command_fingerprint', 'source_recorded_at']) {
    if (!columns.some((c) => c.name === column)) {
      db.exec(`ALTER TABLE events ADD COLUMN ${column} TEXT`);
    }
  }
}

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  recorded_at: string;
  occurred_at: string;
  actor: string;
  correlation_id: string | null;
  causation_id: string | null;
  command_id: string | null;
  command_fingerprint: string | null;
  source_recorded_at: string | null;
  data: string;
  hash: string;
  log_hash: string;
}
