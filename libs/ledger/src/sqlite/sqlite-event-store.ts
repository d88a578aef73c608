import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { GENESIS_HASH, logHash } from '../envelope/event-hash';
import { type Clock, nextRecordedAt, systemClock } from '../envelope/ledger-clock';
import type { NewEvent, RecordedEvent } from '../envelope/recorded-event';
import { sealEnvelopes } from '../envelope/seal-envelopes';
import { DuplicateEventIdError } from '../errors';
import { assertSameCommand } from '../store/assert-same-command';
import type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ReadAllOptions,
  SubscribeOptions,
  Subscription,
} from '../store/event-store.port';
import { assertExpectedRevision } from '../store/expected-revision';
import { PollingSubscription } from '../store/polling-subscription';
import { validateNewEvents } from '../store/validate-new-events';
import { ensureOwnerOnly } from './owner-only-files';
import { applySchema, type EventRow } from './sqlite-schema';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  clock?: Clock;
  /** How often an idle subscription looks for appends made by other processes. */
  pollMs?: number;
  /**
   * 'full' (default): an acknowledged append survives a power cut. 'normal': it survives a
   * process crash but not a power cut; for operator bulk loads that can simply be re-run.
   */
  durability?: 'full' | 'normal';
}

/** One append waiting for the next group commit. */
interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Appends beyond this wait for the next group, so one commit never holds the lock for long. */
const MAX_GROUP = 512;

/** Stream tips kept in memory; a miss costs one indexed read. */
const TIPS_KEPT = 20_000;

interface StreamTip {
  revision: number;
  hash: string;
}

interface Head {
  position: number;
  log_hash: string;
  recorded_at: string;
}

export interface LogChainLink {
  position: number;
  hash: string;
  logHash: string;
}

/** The embedded default store: one SQLite file in WAL mode, append-only by trigger. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<Subscription>();
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  /** The batch whose work is running, if any; appends made inside it join its transaction. */
  private readonly batchScope = new AsyncLocalStorage<symbol>();
  private openBatch: symbol | null = null;
  private batchAppended = false;
  /**
   * The log's head and the tips of recently used streams, as this connection last saw or wrote
   * them. Trusted only while SQLite's data_version is unchanged (no other connection committed)
   * and dropped whenever a transaction or savepoint of ours rolls back; otherwise each append
   * would read both again, which at bulk rates costs as much as the insert itself.
   */
  private readonly tips = new LRUCache<string, StreamTip | false>({ max: TIPS_KEPT });
  private head: Head | null | undefined;
  /** Counts the transactions this connection began; see knownAbsent. */
  private transaction = 0;
  private absentCommand: { commandId: string; transaction: number } | null = null;
  private seenVersion = -1;
  private freshThisTurn = false;
  private readonly stmt: Record<
    | 'dataVersion'
    | 'tip'
    | 'head'
    | 'insert'
    | 'byCommand'
    | 'prefixed'
    | 'stream'
    | 'after'
    | 'chain'
    | 'savepoint'
    | 'release'
    | 'rollbackTo'
    | 'begin'
    | 'commit'
    | 'rollback',
    Statement
  >;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ':memory:') {
      mkdirSync(dirname(options.path), { recursive: true });
      ensureOwnerOnly(options.path);
    }
    this.db = new Database(options.path);
    applySchema(this.db);
    if (options.durability === 'normal') this.db.pragma('synchronous = NORMAL');
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 10;
    this.appended.setMaxListeners(0);
    this.stmt = {
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      tip: this.db.prepare(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      head: this.db.prepare(
        'SELECT position, log_hash, recorded_at FROM events ORDER BY position DESC LIMIT 1',
      ),
      // Positional parameters: binding an object by name costs a property lookup per column.
      insert: this.db.prepare(`INSERT INTO events (position, event_id, stream_id, revision, type,
        schema_version, recorded_at, occurred_at, actor, correlation_id, causation_id, command_id,
        command_fingerprint, source_recorded_at, data, hash, log_hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      byCommand: this.db.prepare('SELECT * FROM events WHERE command_id = ? ORDER BY position'),
      stream: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      // A range on the (stream_id, revision) index: the first id at or after the prefix.
      prefixed: this.db
        .prepare('SELECT stream_id FROM events WHERE stream_id >= ? ORDER BY stream_id LIMIT 1')
        .pluck(),
      after: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      chain: this.db.prepare(
        'SELECT position, hash, log_hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      savepoint: this.db.prepare('SAVEPOINT one_append'),
      release: this.db.prepare('RELEASE one_append'),
      rollbackTo: this.db.prepare('ROLLBACK TO one_append'),
      // IMMEDIATE takes the write lock first, so two processes cannot interleave positions.
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
    };
  }

  /**
   * Group commit: appends that arrive together (within one turn of the event loop) share one
   * transaction and one fsync; each runs in its own savepoint, so a refused append leaves the
   * others untouched, and none is acknowledged before the commit is durable.
   */
  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateNewEvents(streamId, events);
    if (this.openBatch !== null && this.batchScope.getStore() === this.openBatch) {
      const result = this.inSavepoint(() => this.appendInTransaction(streamId, events, options));
      if (!result.duplicate) this.batchAppended = true;
      return result;
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, options, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Runs `work` with every append it makes held in one transaction, committed (one fsync) when
   * the work resolves and rolled back whole when it throws. Reads inside the work see its own
   * appends. Each append still has its own savepoint. Appends from outside the work wait for the
   * commit. For bulk loads; a caller must not acknowledge anything before this resolves.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.openBatch !== null) {
      if (this.batchScope.getStore() === this.openBatch) return work();
      throw new Error('one batch at a time per store connection');
    }
    const id = Symbol('batch');
    this.begin();
    this.openBatch = id;
    this.batchAppended = false;
    try {
      const result = await this.batchScope.run(id, work);
      this.stmt.commit.run();
      if (this.batchAppended) this.appended.emit('append');
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    } finally {
      this.openBatch = null;
      if (this.pending.length > 0) this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.openBatch !== null) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: requests read from the sockets in this turn join the group.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.openBatch !== null || !this.db.open) return;
    const group = this.pending.splice(0, MAX_GROUP);
    if (this.pending.length > 0) this.scheduleFlush();
    if (group.length === 0) return;
    const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
    try {
      this.begin();
      for (const item of group) {
        try {
          const ok = this.inSavepoint(() =>
            this.appendInTransaction(item.streamId, item.events, item.options),
          );
          outcomes.push({ ok });
        } catch (error) {
          // Some errors (SQLITE_FULL, I/O) make SQLite roll back the whole transaction: then no
          // append of the group is durable, and all are refused below.
          if (!this.db.inTransaction) throw error;
          outcomes.push({ error });
        }
      }
      this.stmt.commit.run();
    } catch (error) {
      // The group's transaction itself failed (disk full, read-only, locked): nothing of it is
      // durable, so every append in it is refused with that cause.
      this.rollback();
      for (const item of group) item.reject(error);
      return;
    }
    let appended = false;
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) {
        appended ||= !outcome.ok.duplicate;
        item.resolve(outcome.ok);
      } else item.reject(outcome.error);
    });
    if (appended) this.appended.emit('append');
  }

  /** Takes the write lock; what another connection committed since we last looked is read again. */
  private begin(): void {
    this.stmt.begin.run();
    this.transaction += 1;
    this.freshen();
  }

  private rollback(): void {
    if (this.db.inTransaction) this.stmt.rollback.run();
    this.forget();
  }

  /** Drops the remembered head and tips when another connection has committed since. */
  private freshen(): void {
    const version = this.stmt.dataVersion.get() as number;
    if (version !== this.seenVersion) {
      this.forget();
      this.seenVersion = version;
    }
  }

  private forget(): void {
    this.tips.clear();
    this.head = undefined;
  }

  private tipOf(streamId: string): StreamTip | undefined {
    const known = this.tips.get(streamId);
    if (known !== undefined) return known || undefined;
    const tip = this.stmt.tip.get(streamId) as StreamTip | undefined;
    this.tips.set(streamId, tip ? { revision: tip.revision, hash: tip.hash } : false);
    return tip;
  }

  private headOf(): Head | null {
    if (this.head === undefined) this.head = (this.stmt.head.get() as Head | undefined) ?? null;
    return this.head;
  }

  /** One append's own savepoint: its failure undoes its rows only. */
  private inSavepoint<T>(work: () => T): T {
    this.stmt.savepoint.run();
    try {
      const result = work();
      this.stmt.release.run();
      return result;
    } catch (error) {
      // The remembered head and tips may name rows the rollback removes.
      this.forget();
      if (this.db.inTransaction) {
        this.stmt.rollbackTo.run();
        this.stmt.release.run();
      }
      throw error;
    }
  }

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): AppendResult {
    if (options.commandId) {
      const absent = this.knownAbsent(options.commandId);
      // Used once: after this append the command is no longer absent.
      this.absentCommand = null;
      const prior = absent
        ? []
        : (this.stmt.byCommand.all(options.commandId) as EventRow[]).map(rowToEvent);
      if (prior.length > 0) {
        assertSameCommand(streamId, options, prior);
        return {
          events: prior,
          nextExpectedRevision: prior[prior.length - 1].revision,
          duplicate: true,
        };
      }
    }
    const tip = this.tipOf(streamId);
    assertExpectedRevision(streamId, options.expectedRevision, tip?.revision ?? -1);
    const head = this.headOf();
    const recordedAt = nextRecordedAt(this.clock, head?.recorded_at ?? null);
    const envelopes = sealEnvelopes(
      streamId,
      events,
      tip ?? { revision: -1, hash: GENESIS_HASH },
      recordedAt,
      options,
    );
    let position = head?.position ?? 0;
    let previousLogHash = head?.log_hash ?? GENESIS_HASH;
    const recorded = envelopes.map((envelope) => {
      position += 1;
      previousLogHash = logHash(previousLogHash, envelope.hash, position);
      const event = { ...envelope, position };
      this.insert(event, previousLogHash);
      return event;
    });
    const last = recorded[recorded.length - 1];
    this.tips.set(streamId, { revision: last.revision, hash: last.hash });
    this.head = { position, log_hash: previousLogHash, recorded_at: recordedAt };
    return {
      events: recorded,
      nextExpectedRevision: recorded[recorded.length - 1].revision,
      duplicate: false,
    };
  }

  private insert(event: RecordedEvent, chainHash: string): void {
    try {
      this.stmt.insert.run(
        event.position,
        event.eventId,
        event.streamId,
        event.revision,
        event.type,
        event.schemaVersion,
        event.recordedAt,
        event.occurredAt,
        event.actor,
        event.correlationId,
        event.causationId,
        event.commandId,
        event.commandFingerprint ?? null,
        event.sourceRecordedAt ?? null,
        JSON.stringify(event.data),
        event.hash,
        chainHash,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events.event_id'))
        throw new DuplicateEventIdError(event.eventId);
      throw error;
    }
  }

  async streamTip(streamId: string): Promise<{ revision: number; hash: string } | undefined> {
    // Inside our own transaction nobody else can have written; outside it, look once per turn
    // of the event loop (a command asks for a dozen tips). A tip another process moved a moment
    // later is caught where it matters: the append re-checks under the write lock.
    if (!this.db.inTransaction && !this.freshThisTurn) {
      this.freshen();
      this.freshThisTurn = true;
      setImmediate(() => (this.freshThisTurn = false));
    }
    return this.tipOf(streamId);
  }

  async hasStreamPrefixed(prefix: string): Promise<boolean> {
    const first = this.stmt.prefixed.get(prefix) as string | undefined;
    return first !== undefined && first.startsWith(prefix);
  }

  async eventsOfCommand(commandId: string): Promise<RecordedEvent[]> {
    const events = (this.stmt.byCommand.all(commandId) as EventRow[]).map(rowToEvent);
    if (events.length === 0 && this.db.inTransaction) {
      this.absentCommand = { commandId, transaction: this.transaction };
    }
    return events;
  }

  /**
   * True when this commandId was just looked up and found absent inside the open transaction:
   * nobody else writes while it is open, and a rollback only removes rows, so the append need
   * not ask again (a bulk load's handler asks once per line before deciding).
   */
  private knownAbsent(commandId: string): boolean {
    const a = this.absentCommand;
    return a !== null && a.commandId === commandId && a.transaction === this.transaction;
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const events = (this.stmt.stream.all(streamId, fromRevision) as EventRow[]).map(rowToEvent);
    // Inside our own transaction the last event read is the tip, and the append that usually
    // follows a read needs it: remembered, it saves that append an indexed read.
    if (this.db.inTransaction && fromRevision === 0) {
      const last = events[events.length - 1];
      this.tips.set(streamId, last ? { revision: last.revision, hash: last.hash } : false);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readPage(options.after ?? 0, options.limit ?? -1);
  }

  /** The global chain links, for `verify`; only this adapter can keep one. */
  readLogChain(after: number, limit: number): LogChainLink[] {
    return (
      this.stmt.chain.all(after, limit) as Pick<EventRow, 'position' | 'hash' | 'log_hash'>[]
    ).map((r) => ({ position: r.position, hash: r.hash, logHash: r.log_hash }));
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new PollingSubscription(
      {
        readPage: (after, limit) => this.readPage(after, limit),
        onLocalAppend: (wake) => {
          this.appended.on('append', wake);
          return () => this.appended.off('append', wake);
        },
      },
      handler,
      options,
      this.pollMs,
    );
    this.subscriptions.add(subscription);
    subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<number> {
    const head = this.stmt.head.get() as { position: number } | undefined;
    return head?.position ?? 0;
  }

  async close(): Promise<void> {
    // Appends already handed in are committed (or refused) before the connection goes.
    while (this.pending.length > 0 && this.openBatch === null) this.flush();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.db.open) this.db.close();
  }

  private readPage(after: number, limit: number): RecordedEvent[] {
    return (this.stmt.after.all(after, limit) as EventRow[]).map(rowToEvent);
  }
}

function rowToEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    actor: row.actor,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    commandId: row.command_id,
    ...(row.command_fingerprint !== null ? { commandFingerprint: row.command_fingerprint } : {}),
    ...(row.source_recorded_at !== null ? { sourceRecordedAt: row.source_recorded_at } : {}),
    data: JSON.parse(row.data) as Record<string, unknown>,
    hash: row.hash,
  };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && (e.message ?? '').includes(column);
}
