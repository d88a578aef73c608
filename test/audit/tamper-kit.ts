import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { GENESIS_HASH, eventHash, logHash } from '@libs/ledger';

export type Row = Record<string, unknown>;

/**
 * What an attacker holding the SQLite file can do: copy it, drop the append-only triggers and
 * edit rows in place — and, knowing the public hashing rules, recompute every hash after an edit.
 */
export function tamperedCopy(
  source: string,
  target: string,
  edit: (db: Database.Database) => void,
): string {
  copyFileSync(source, target);
  const db = new Database(target);
  db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
  db.transaction(() => edit(db))();
  db.close();
  return target;
}

export const row = (db: Database.Database, position: number) =>
  db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;

export const rowsOf = (db: Database.Database, where = '1 = 1', ...params: unknown[]) =>
  db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position`).all(...params) as Row[];

/** The hashed fields of a row, with `data` replaced (the fingerprint only when the row has one). */
export function envelopeOf(r: Row, data: unknown) {
  return {
    eventId: r.event_id as string,
    type: r.type as string,
    schemaVersion: r.schema_version as number,
    streamId: r.stream_id as string,
    revision: r.revision as number,
    recordedAt: r.recorded_at as string,
    occurredAt: r.occurred_at as string,
    actor: r.actor as string,
    correlationId: r.correlation_id as string | null,
    causationId: r.causation_id as string | null,
    commandId: r.command_id as string | null,
    ...(r.command_fingerprint != null
      ? { commandFingerprint: r.command_fingerprint as string }
      : {}),
    data: data as Record<string, unknown>,
  };
}

/** Swaps the contents of two positions (hashes and all): the log order changes, nothing else. */
export function swapRows(db: Database.Database, p: number, q: number): void {
  const a = row(db, p);
  const b = row(db, q);
  const put =
    db.prepare(`UPDATE events SET event_id=@event_id, stream_id=@stream_id, revision=@revision,
    type=@type, schema_version=@schema_version, recorded_at=@recorded_at, occurred_at=@occurred_at,
    actor=@actor, correlation_id=@correlation_id, causation_id=@causation_id, command_id=@command_id,
    data=@data, hash=@hash, log_hash=@log_hash WHERE position=@target`);
  put.run({ ...a, event_id: 'tmp', revision: -1, target: q });
  put.run({ ...b, target: p });
  put.run({ ...a, target: q });
}

/**
 * The forger who recomputes everything: after `change` has edited, deleted or inserted rows, every
 * event hash (per stream) and the log chain are recomputed from the first position on, and
 * positions are renumbered densely, so `verify` finds nothing. Only a seal or a checkpoint kept
 * elsewhere can show it.
 */
export function recomputeEverything(db: Database.Database): void {
  const rows = rowsOf(db);
  // Out of the way first, so renumbering never meets UNIQUE (stream_id, revision) half-way.
  db.prepare('UPDATE events SET position = -position, revision = -revision - 1').run();
  const put = db.prepare(
    'UPDATE events SET position = @position, revision = @revision, hash = @hash, log_hash = @log_hash WHERE position = @old',
  );
  const tips = new Map<string, { revision: number; hash: string }>();
  let previousLog = GENESIS_HASH;
  rows.forEach((r, index) => {
    const position = index + 1;
    const tip = tips.get(r.stream_id as string) ?? { revision: -1, hash: GENESIS_HASH };
    const revision = tip.revision + 1;
    const hash = eventHash(tip.hash, {
      ...envelopeOf(r, JSON.parse(r.data as string)),
      revision,
    });
    tips.set(r.stream_id as string, { revision, hash });
    previousLog = logHash(previousLog, hash, position);
    put.run({ position, revision, hash, log_hash: previousLog, old: -(r.position as number) });
  });
}

/** Changes one event's data in place and lets the forger recompute everything after it. */
export function rewriteData(
  db: Database.Database,
  position: number,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const target = row(db, position);
  db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
    JSON.stringify(change(JSON.parse(target.data as string))),
    position,
  );
  recomputeEverything(db);
}
