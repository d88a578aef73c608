import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { GENESIS_HASH } from '../envelope/event-hash';
import { type Clock, nextRecordedAt, systemClock } from '../envelope/ledger-clock';
import type { NewEvent, RecordedEvent } from '../envelope/recorded-event';
import { sealEnvelopes } from '../envelope/seal-envelopes';
import { StoreConfigError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ReadAllOptions,
  SubscribeOptions,
  Subscription,
} from '../store/event-store.port';
import { assertSameCommand } from '../store/assert-same-command';
import { assertExpectedRevision } from '../store/expected-revision';
import { validateNewEvents } from '../store/validate-new-events';
import {
  type EsdbPosition,
  assertFreshEventIds,
  assertStorableInEsdb,
  comparePositions,
  esdbPositionOf,
  fromEsdbEvent,
  isLedgerEvent,
  toEsdbEvent,
} from './esdb-envelope';

const PAGE = 500;
/**
 * 'any' and 'stream_exists' appends re-read the tip and re-seal when another writer got in: each
 * round lets one writer through, so this bounds how many may contend for one stream at once.
 */
const MAX_ATTEMPTS = 10;

/**
 * EventStoreDB / KurrentDB adapter (server 23.10+: stream reads must carry positions and
 * subscriptions must send "caught up"). The only module that loads @eventstore/db-client.
 * Positions and idempotency are explained in docs/decisions/0002.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly subscriptions = new Set<Subscription>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
  ) {}

  /** The client connects lazily: a bad host surfaces on the first read or append. */
  static async connect(
    connectionString: string,
    options: { clock?: Clock } = {},
  ): Promise<EsdbEventStore> {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new StoreConfigError(
        `EventStoreDB connection string rejected: ${(error as Error).message}`,
      );
    }
    return new EsdbEventStore(client, options.clock ?? systemClock);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateNewEvents(streamId, events);
    assertStorableInEsdb(events);
    return this.serially(async () => {
      const retryable =
        options.expectedRevision === 'any' || options.expectedRevision === 'stream_exists';
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await this.appendOnce(streamId, events, options);
        if (!('conflictAt' in outcome)) return outcome;
        if (!retryable || attempt >= MAX_ATTEMPTS) {
          throw new WrongExpectedRevisionError(
            streamId,
            options.expectedRevision,
            outcome.conflictAt,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt)); // de-synchronise
      }
    });
  }

  /**
   * recordedAt is stamped before the write but ordered by the commit, and `verify` refuses a log
   * whose recordedAt goes backwards. So this process appends one batch at a time, and stamps each
   * no earlier than the newest event in the log (as SQLite does). Writers in *other* processes
   * can still interleave between our read and write; see docs/decisions/0002.
   */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One read-check-write round; `conflictAt` when the server refused our expected revision. */
  private async appendOnce(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult | { conflictAt: number }> {
    // Command ids and explicit event ids can only be checked against the stream's own events:
    // ESDB has no index by either, so read the stream whole when one of them is in play.
    const scan = Boolean(options.commandId) || events.some((e) => e.eventId !== undefined);
    const existing = scan ? await this.readRange(streamId, 0) : [];
    const prior = existing.filter((e) => options.commandId && e.commandId === options.commandId);
    if (prior.length > 0) return duplicateOf(streamId, options, prior);
    const [tip, head] = await Promise.all([
      scan ? existing[existing.length - 1] : this.readTip(streamId),
      this.readHead(),
    ]);
    const tipRevision = tip?.revision ?? -1;
    assertExpectedRevision(streamId, options.expectedRevision, tipRevision);
    assertFreshEventIds(events, existing);
    const latest = [tip?.recordedAt, head?.recordedAt]
      .filter((t): t is string => t !== undefined)
      .sort()
      .pop();
    const recordedAt = nextRecordedAt(this.clock, latest ?? null);
    const chainTip = tip
      ? { revision: tip.revision, hash: tip.hash }
      : { revision: -1, hash: GENESIS_HASH };
    const envelopes = sealEnvelopes(streamId, events, chainTip, recordedAt, options);
    try {
      // The concrete expected revision makes the server refuse a writer that slipped in between
      // our read and this write, so the hash chain can never fork.
      await this.client.appendToStream(
        streamId,
        envelopes.map((e) => jsonEvent(toEsdbEvent(e))),
        { expectedRevision: tipRevision === -1 ? NO_STREAM : BigInt(tipRevision) },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // The writer that beat us may have been a replay of this very command.
      const replayed = await this.findCommand(streamId, options.commandId);
      if (replayed.length > 0) return duplicateOf(streamId, options, replayed);
      return { conflictAt: error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion) };
    }
    // An append returns one position for the whole batch, so read the events back for theirs.
    const written = await this.readRange(streamId, tipRevision + 1, envelopes.length);
    if (
      written.length === envelopes.length &&
      written.every((e, i) => e.hash === envelopes[i].hash)
    ) {
      return {
        events: written,
        nextExpectedRevision: written[written.length - 1].revision,
        duplicate: false,
      };
    }
    // Same event ids at the same expected revision: ESDB's own idempotency accepted the write
    // without storing it, because a concurrent replay of the command stored its events first.
    const replayed = await this.findCommand(streamId, options.commandId);
    if (replayed.length > 0) return duplicateOf(streamId, options, replayed);
    throw new Error(
      `stream ${streamId}: events read back after an append differ from those written`,
    );
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.readRange(streamId, fromRevision);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : Infinity;
    const out: RecordedEvent[] = [];
    let cursor: EsdbPosition | null =
      (options.after ?? 0) > 0 ? esdbPositionOf(options.after!) : null;
    while (out.length < limit) {
      // A forward read includes its start position and pages may be mostly system events: ask
      // one more than needed and drop everything at or before the cursor.
      const maxCount = Math.min(PAGE, Math.max(limit - out.length + 1, 50));
      const from: ReadPosition = cursor ?? START;
      const page: AllStreamResolvedEvent[] = await drain(
        this.client.readAll({ fromPosition: from, maxCount, resolveLinkTos: false }),
      );
      let moved = false;
      for (const { event } of page) {
        if (!event || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
        cursor = event.position;
        moved = true;
        if (isLedgerEvent(event)) out.push(fromEsdbEvent(event));
        if (out.length >= limit) break;
      }
      if (page.length < maxCount || !moved) break;
    }
    return out;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? 0;
    const cursor = after > 0 ? esdbPositionOf(after) : null;
    // Catch-up subscriptions start strictly after fromPosition; the server filters system events.
    const feed = this.client.subscribeToAll({
      fromPosition: cursor ?? START,
      filter: excludeSystemEvents(),
      resolveLinkTos: false,
    });
    let stopped = false;
    let live = false;
    let received = 0;
    let handled = 0;
    let liveAfter: number | null = null;
    const goLiveWhenDrained = (): void => {
      if (!live && liveAfter !== null && handled >= liveAfter) {
        live = true;
        options.onLive?.();
      }
    };
    // "caughtUp" arrives in stream order but may be emitted while earlier events still wait in
    // the readable buffer; onLive fires once the handler has seen all of those.
    feed.once('caughtUp', () => {
      liveAfter = received + feed.readableLength;
      goLiveWhenDrained();
    });
    const run = async (): Promise<void> => {
      try {
        for await (const resolved of feed) {
          received += 1;
          if (stopped) break;
          const event = resolved.event;
          if (
            event &&
            (!cursor || comparePositions(event.position, cursor) > 0) &&
            isLedgerEvent(event)
          ) {
            await handler(fromEsdbEvent(event));
          }
          handled += 1;
          goLiveWhenDrained();
          if (stopped) break;
        }
      } catch (error) {
        if (!stopped) throw error; // destroying the feed on stop ends the loop with an error
      } finally {
        await feed.unsubscribe().catch(() => undefined);
        feed.destroy();
      }
    };
    const done = run();
    done.catch(() => undefined); // failures reach the caller through `done`
    const subscription: Subscription = {
      done,
      stop: async () => {
        stopped = true;
        await feed.unsubscribe().catch(() => undefined);
        feed.destroy();
        await done.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return (await this.readHead())?.position ?? 0;
  }

  /** The newest ledger event in $all, reading backwards past system events. */
  private async readHead(): Promise<RecordedEvent | undefined> {
    let cursor: EsdbPosition | null = null;
    for (;;) {
      const from: ReadPosition = cursor ?? END;
      const page: AllStreamResolvedEvent[] = await drain(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 50 }),
      );
      for (const { event } of page) {
        if (!event || (cursor && comparePositions(event.position, cursor) >= 0)) continue;
        cursor = event.position;
        if (isLedgerEvent(event)) return fromEsdbEvent(event);
      }
      if (page.length < 50 || !cursor) return undefined;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Events of a stream from a revision, at most `count`; [] when the stream does not exist. */
  private async readRange(
    streamId: string,
    from: number,
    count?: number,
  ): Promise<RecordedEvent[]> {
    try {
      const read = await drain<ResolvedEvent>(
        this.client.readStream(streamId, {
          fromRevision: BigInt(from),
          maxCount: count,
          resolveLinkTos: false,
        }),
      );
      return read.flatMap(({ event }) => (event ? [fromEsdbEvent(event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async readTip(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await drain<ResolvedEvent>(
        this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
      );
      return last?.event ? fromEsdbEvent(last.event) : undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async findCommand(
    streamId: string,
    commandId: string | undefined,
  ): Promise<RecordedEvent[]> {
    if (!commandId) return [];
    return (await this.readRange(streamId, 0)).filter((e) => e.commandId === commandId);
  }
}

/**
 * ESDB has no index by command id, so only the target stream is searched: a commandId reused on
 * another stream is not caught by this adapter (docs/decisions/0011); on its own stream it is.
 */
function duplicateOf(
  streamId: string,
  options: AppendOptions,
  prior: RecordedEvent[],
): AppendResult {
  assertSameCommand(streamId, options, prior);
  return { events: prior, nextExpectedRevision: prior[prior.length - 1].revision, duplicate: true };
}

async function drain<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}
