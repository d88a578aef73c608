import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { ensureOwnerOnly } from './owner-only-files';

/** One resident's sealed personal data and the log position of the last event it reflects. */
export interface StoredEnvelope {
  sealed: Buffer;
  position: number;
}

/**
 * The personal-data vault's file: opaque sealed records and each resident's data key, in two
 * tables. It knows nothing of what the bytes mean (sealing is done above it, in the domain);
 * it keeps them apart from the event store so that the log never holds a name or an ID number,
 * and so that deleting a key row is possible here while the log refuses every DELETE.
 */
export class SqliteVaultStorage {
  private readonly db: Db;

  constructor(path: string) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      ensureOwnerOnly(path);
    }
    this.db = new Database(path);
    // A rollback journal, not WAL: an erased key must not live on in a WAL file until the next
    // checkpoint. secure_delete overwrites the freed cells with zeros, so the deleted key's bytes
    // do not stay readable in a free page of the file.
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS resident_keys (
        resident_id TEXT PRIMARY KEY,
        data_key BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS identities (
        resident_id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS match_keys (
        resident_id TEXT PRIMARY KEY,
        match_key TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS match_keys_by_key ON match_keys (match_key);
      CREATE TABLE IF NOT EXISTS erased (
        resident_id TEXT PRIMARY KEY,
        erased_at TEXT NOT NULL
      );
    `);
  }

  dataKey(residentId: string): Buffer | undefined {
    const row = this.db
      .prepare('SELECT data_key FROM resident_keys WHERE resident_id = ?')
      .get(residentId) as { data_key: Buffer } | undefined;
    return row?.data_key;
  }

  isErased(residentId: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM erased WHERE resident_id = ?').get(residentId);
  }

  envelope(residentId: string): StoredEnvelope | undefined {
    const row = this.db
      .prepare('SELECT sealed, position FROM identities WHERE resident_id = ?')
      .get(residentId) as { sealed: Buffer; position: number } | undefined;
    return row ? { sealed: row.sealed, position: row.position } : undefined;
  }

  /**
   * Keeps a resident's data key (the first one stays: a second writer's key is not used) and
   * the sealed record, in one transaction. Refused (false) once the resident was erased.
   */
  put(
    residentId: string,
    newKey: Buffer,
    seal: (key: Buffer) => StoredEnvelope & { matchKey?: string },
  ): boolean {
    return this.db.transaction(() => {
      if (this.isErased(residentId)) return false;
      this.db
        .prepare('INSERT OR IGNORE INTO resident_keys (resident_id, data_key) VALUES (?, ?)')
        .run(residentId, newKey);
      const { sealed, position, matchKey } = seal(this.dataKey(residentId)!);
      if (matchKey)
        this.db
          .prepare(
            `INSERT INTO match_keys (resident_id, match_key) VALUES (?, ?)
             ON CONFLICT (resident_id) DO UPDATE SET match_key = excluded.match_key`,
          )
          .run(residentId, matchKey);
      this.db
        .prepare(
          `INSERT INTO identities (resident_id, sealed, position) VALUES (?, ?, ?)
           ON CONFLICT (resident_id) DO UPDATE SET sealed = excluded.sealed, position = excluded.position`,
        )
        .run(residentId, sealed, position);
      return true;
    })();
  }

  /** Deletes the data key and the sealed record, and remembers that the resident was erased. */
  erase(residentId: string, erasedAt: string): boolean {
    const erased = this.db.transaction(() => {
      const key = this.db
        .prepare('DELETE FROM resident_keys WHERE resident_id = ?')
        .run(residentId);
      this.db.prepare('DELETE FROM identities WHERE resident_id = ?').run(residentId);
      this.db.prepare('DELETE FROM match_keys WHERE resident_id = ?').run(residentId);
      this.db
        .prepare('INSERT OR IGNORE INTO erased (resident_id, erased_at) VALUES (?, ?)')
        .run(residentId, erasedAt);
      return key.changes > 0;
    })();
    return erased;
  }

  /** The residents whose ID number has this keyed hash (for duplicate registrations). */
  holdersOf(matchKey: string): string[] {
    return (
      this.db
        .prepare('SELECT resident_id FROM match_keys WHERE match_key = ? ORDER BY resident_id')
        .all(matchKey) as { resident_id: string }[]
    ).map((r) => r.resident_id);
  }

  /** Residents with a sealed record (for a search over names in one's own units). */
  residentIds(): string[] {
    return (
      this.db.prepare('SELECT resident_id FROM identities').all() as { resident_id: string }[]
    ).map((r) => r.resident_id);
  }

  close(): void {
    this.db.close();
  }
}

export const openVaultStorage = (path: string): SqliteVaultStorage => new SqliteVaultStorage(path);
