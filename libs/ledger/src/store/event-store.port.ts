import type { AppendContext, NewEvent, RecordedEvent } from '../envelope/recorded-event';

/** Injection token; a symbol so no framework type leaks into the port. */
export const EVENT_STORE = Symbol('EventStore');

/**
 * number: the revision of the stream's last event; 'no_stream': the stream must not exist;
 * 'stream_exists': it must; 'any': no check (use only where order cannot matter).
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions extends AppendContext {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  events: RecordedEvent[];
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** True when the commandId had been appended before: nothing new was written. */
  duplicate: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. 0 reads from the start. */
  after?: number;
  limit?: number;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event the subscriber has processed. */
  after?: number;
  /** Called once catch-up has reached the head and live delivery begins (once, not per reconnect). */
  onLive?: () => void;
  /**
   * Only events of the streams this filter names (a partition, e.g. one district's streams),
   * filtered by the server where it can. The checkpoint stays a global position.
   */
  streams?: StreamFilter;
  /** Told whenever the subscription's connection changes: down, retrying, caught up again. */
  onStatus?: (status: SubscriptionStatus) => void;
}

/**
 * Stream names by prefix, or by a regular expression (kept to the syntax JavaScript and .NET
 * share: EventStoreDB evaluates it on the server).
 */
export type StreamFilter = { prefixes: readonly string[] } | { pattern: string };

/** Whether a stream name passes a filter (stores that filter on their side of the wire). */
export function streamFilterTest(filter: StreamFilter | undefined): (streamId: string) => boolean {
  if (!filter) return () => true;
  if ('prefixes' in filter) {
    const prefixes = filter.prefixes;
    return (id) => prefixes.some((p) => id.startsWith(p));
  }
  const pattern = new RegExp(filter.pattern);
  return (id) => pattern.test(id);
}

/**
 * Where a subscription stands. `reconnecting` after the store dropped it: the reason, how many
 * attempts so far, since when (ISO), and the checkpoint it will resume after, so no event is
 * skipped or delivered twice.
 */
export type SubscriptionStatus =
  | { state: 'catching-up' | 'live'; checkpoint: number }
  | {
      state: 'reconnecting';
      checkpoint: number;
      reason: string;
      attempt: number;
      since: string;
      retryInMs: number;
    };

export interface Subscription {
  /** Stops delivery; resolves once the handler is no longer running. */
  stop(): Promise<void>;
  /** Resolves when stopped, rejects if the handler or the store failed. */
  readonly done: Promise<void>;
}

export type StoreKind = 'sqlite' | 'esdb';

/** The ledger's one narrow port to storage. Every adapter passes test/contract. */
export interface EventStore {
  readonly kind: StoreKind;
  /** Atomic: every event of the batch is appended, or none is. */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from the checkpoint, then deliver live, in global order, one at a time. */
  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
  /**
   * Optional: run `work` with its appends held in one durable commit (bulk loads). A store
   * without it appends each durably on its own; use `inBatch` rather than calling this.
   */
  batch?<T>(work: () => Promise<T>): Promise<T>;
  /** Optional fast path: revision and hash of a stream's last event, without reading it. */
  streamTip?(streamId: string): Promise<StreamTipInfo | undefined>;
  /**
   * Optional fast path: whether any stream's id starts with the prefix. Lets a rule that is
   * usually moot (a year with no seal at all) be settled by one indexed look instead of a read
   * per stream it could concern.
   */
  hasStreamPrefixed?(prefix: string): Promise<boolean>;
  /** Optional fast path: the events a commandId produced, from an index. */
  eventsOfCommand?(commandId: string): Promise<RecordedEvent[]>;
  /**
   * How many events follow a position, counting at most `cap` (projection lag in events where
   * positions are not dense); without it, head minus position is the count.
   */
  countAfter?(position: number, cap: number): Promise<number>;
}

export interface StreamTipInfo {
  revision: number;
  hash: string;
}

/** Runs `work` in one batch where the store can, else as it is; acknowledge only after this. */
export function inBatch<T>(store: EventStore, work: () => Promise<T>): Promise<T> {
  return store.batch ? store.batch(work) : work();
}
