import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  NO_STREAM,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendResult as ClientAppendResult,
} from '@eventstore/db-client';
import { LRUCache } from 'lru-cache';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../config/store-location';
import { GENESIS_HASH } from '../envelope/event-hash';
import { type Clock, nextRecordedAt, systemClock } from '../envelope/ledger-clock';
import type { NewEvent, RecordedEvent } from '../envelope/recorded-event';
import { sealEnvelopes } from '../envelope/seal-envelopes';
import {
  CommandIdReusedError,
  LedgerError,
  StoreConfigError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ReadAllOptions,
  StreamTipInfo,
  SubscribeOptions,
  Subscription,
} from '../store/event-store.port';
import { assertSameCommand } from '../store/assert-same-command';
import { assertExpectedRevision } from '../store/expected-revision';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  ResilientSubscription,
} from '../store/resilient-subscription';
import { validateNewEvents } from '../store/validate-new-events';
import { type CommandClaim, CommandClaims } from './esdb-command-claims';
import {
  assertFreshEventIds,
  assertStorableInEsdb,
  toEsdbEvent,
  toLedgerPosition,
} from './esdb-envelope';
import { asStoreError } from './esdb-errors';
import { type EsdbSettings, parseEsdbSettings } from './esdb-settings';
import { openEsdbFeed } from './esdb-feed';
import { countAfter, readAllAfter, readHead, readRange, readTip } from './esdb-reads';

/**
 * 'any' and 'stream_exists' appends re-read the tip and re-seal when another writer got in: each
 * round lets one writer through, so this bounds how many may contend for one stream at once.
 */
const MAX_ATTEMPTS = 10;

export interface EsdbOptions {
  clock?: Clock;
  /** Start-up gives up (StoreUnavailableError) when the server has not answered by then. */
  connectTimeoutMs?: number;
  /** Waits between resubscriptions after a drop. */
  backoff?: Backoff;
}

interface Tip extends StreamTipInfo {
  recordedAt: string;
}

/**
 * EventStoreDB / KurrentDB adapter (server 23.10+: stream reads must carry positions and
 * subscriptions must send "caught up"). The only module that loads @eventstore/db-client, with
 * its helpers in this folder. Positions: docs/decisions/0002; command ids, call counts and
 * reconnects: docs/decisions/0016.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly subscriptions = new Set<Subscription>();
  private readonly claims: CommandClaims;
  /** Last known tip per stream (revision, hash, time), from reads and our own appends. */
  private readonly tips = new LRUCache<string, Tip>({ max: 100_000 });
  /** The newest recordedAt this process has seen in the log; appends are stamped after it. */
  private latestRecordedAt: string | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly settings: EsdbSettings,
    private readonly clock: Clock,
    private readonly backoff: Backoff,
  ) {
    this.claims = new CommandClaims(client);
  }

  /**
   * Connects and asks the server for the log's head within the time allowed, so a wrong host, a
   * refusing server or a cluster without a leader stops start-up with a message, not later.
   */
  static async connect(
    connectionString: string,
    options: EsdbOptions = {},
  ): Promise<EsdbEventStore> {
    const settings = parseEsdbSettings(connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(settings.connectionString);
    } catch (error) {
      throw new StoreConfigError(
        `EventStoreDB connection string rejected: ${(error as Error).message}`,
      );
    }
    const store = new EsdbEventStore(
      client,
      settings,
      options.clock ?? systemClock,
      options.backoff ?? DEFAULT_BACKOFF,
    );
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    try {
      const head = await withTimeout(
        store.calling(() => readHead(client, timeoutMs)),
        timeoutMs,
        () =>
          new StoreUnavailableError(
            `EventStoreDB at ${settings.hosts} did not answer within ${timeoutMs} ms ` +
              '(LEDGER_STORE_CONNECT_TIMEOUT_MS); is the server running and the address right?',
            'timeout',
          ),
      );
      store.noteRecordedAt(head?.recordedAt);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      if (error instanceof LedgerError) throw error;
      // Something answered, but not as a ledger-ready server would (another service on the
      // port, access denied, a server too old): still a store the API cannot start on.
      throw new StoreUnavailableError(
        `EventStoreDB at ${settings.hosts} refused the first read: ${(error as Error).message} ` +
          '(is this the gRPC port of EventStoreDB / KurrentDB 23.10 or newer, and may this user read $all?)',
        'refused',
      );
    }
    return store;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateNewEvents(streamId, events);
    assertStorableInEsdb(events);
    return this.calling(async () => {
      // Explicit event ids can only be checked against the stream itself: the rare path reads it.
      if (events.some((e) => e.eventId !== undefined))
        assertFreshEventIds(events, await this.readRange(streamId, 0));
      const retryable =
        options.expectedRevision === 'any' || options.expectedRevision === 'stream_exists';
      let claimed = false;
      for (let attempt = 1; ; attempt += 1) {
        const tip = await this.tipFor(streamId, options.expectedRevision, attempt > 1);
        assertExpectedRevision(streamId, options.expectedRevision, tip?.revision ?? -1);
        if (options.commandId && !claimed) {
          const earlier = await this.claimCommand(streamId, options, tip?.revision ?? -1);
          if (earlier) return earlier;
          claimed = true;
        }
        const outcome = await this.appendOnce(streamId, events, options, tip);
        if (!('conflictAt' in outcome)) return outcome;
        this.tips.delete(streamId);
        // The writer that beat us may have been a replay of this very command.
        const replayed = await this.priorEventsOf(options.commandId);
        if (replayed.length > 0) return duplicateOf(streamId, options, replayed);
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
   * The chain tip to seal on. A numeric expected revision that matches the tip we know needs no
   * read (the server refuses the write if the stream moved); "no stream" needs none either.
   */
  private async tipFor(
    streamId: string,
    expected: AppendOptions['expectedRevision'],
    fresh: boolean,
  ): Promise<Tip | undefined> {
    if (expected === 'no_stream' && !fresh) return undefined;
    const known = this.tips.get(streamId);
    if (!fresh && typeof expected === 'number' && known?.revision === expected) return known;
    return this.readTip(streamId);
  }

  /**
   * Claims the command id for this stream (one small write). Answers the first result when the
   * command ran before; refuses the id when it was used for another stream or other content.
   */
  private async claimCommand(
    streamId: string,
    options: AppendOptions,
    after: number,
  ): Promise<AppendResult | null> {
    const commandId = options.commandId!;
    const earlier = await this.claims.claim({
      commandId,
      streamId,
      fingerprint: options.commandFingerprint ?? null,
      after,
    });
    if (!earlier) return null;
    const sameCommand =
      earlier.streamId === streamId &&
      (earlier.fingerprint === null ||
        options.commandFingerprint === undefined ||
        earlier.fingerprint === options.commandFingerprint);
    if (!sameCommand) throw new CommandIdReusedError(commandId);
    const prior = await this.eventsOfClaim(earlier);
    // Claimed but never written (the claimer stopped in between): ours to complete.
    return prior.length > 0 ? duplicateOf(streamId, options, prior) : null;
  }

  /** One write: seal on the tip, append with its revision expected, check the server's answer. */
  private async appendOnce(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
    tip: Tip | undefined,
  ): Promise<AppendResult | { conflictAt: number }> {
    const tipRevision = tip?.revision ?? -1;
    const chainTip = tip
      ? { revision: tip.revision, hash: tip.hash }
      : { revision: -1, hash: GENESIS_HASH };
    // Random ids: a derived id would let the server's idempotency accept a racing replay's write
    // as ours without storing it. Replays are recognised by the command claim instead.
    const withIds = events.map((e) => (e.eventId ? e : { ...e, eventId: randomUUID() }));
    type Written =
      | { conflictAt: number }
      | { envelopes: ReturnType<typeof sealEnvelopes>; result: ClientAppendResult };
    const written = await this.serially(async (): Promise<Written> => {
      const recordedAt = nextRecordedAt(
        this.clock,
        [tip?.recordedAt, this.latestRecordedAt]
          .filter((t): t is string => !!t)
          .sort()
          .pop() ?? null,
      );
      const envelopes = sealEnvelopes(streamId, withIds, chainTip, recordedAt, options);
      let result: ClientAppendResult;
      try {
        // The concrete expected revision makes the server refuse a writer that slipped in
        // between our read and this write, so the hash chain can never fork.
        result = await this.client.appendToStream(
          streamId,
          envelopes.map((e) => jsonEvent(toEsdbEvent(e))),
          { expectedRevision: tipRevision === -1 ? NO_STREAM : BigInt(tipRevision) },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        return {
          conflictAt: error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion),
        };
      }
      // With throwOnAppendFailure=false the client reports a refusal as a result, not an error.
      if (!result.success) return { conflictAt: Number(result.nextExpectedRevision) };
      this.noteRecordedAt(recordedAt);
      return { envelopes, result };
    });
    if ('conflictAt' in written) return written;
    const { envelopes, result } = written;
    // The append reports the position of its last event: enough for one event; a batch reads
    // its events back for theirs (their hashes must match what was sealed).
    const recorded =
      envelopes.length === 1 && result.position
        ? [{ ...envelopes[0], position: toLedgerPosition(result.position) }]
        : await this.readRange(streamId, tipRevision + 1, envelopes.length);
    if (
      recorded.length !== envelopes.length ||
      recorded.some((e, i) => e.hash !== envelopes[i].hash)
    ) {
      throw new Error(
        `stream ${streamId}: events read back after an append differ from those written`,
      );
    }
    const last = recorded[recorded.length - 1];
    this.tips.set(streamId, {
      revision: last.revision,
      hash: last.hash,
      recordedAt: last.recordedAt,
    });
    return { events: recorded, nextExpectedRevision: last.revision, duplicate: false };
  }

  /**
   * recordedAt is stamped before the write but ordered by the commit, and `verify` refuses a log
   * whose recordedAt goes backwards. So this process stamps and writes one batch at a time; the
   * reads and the command claim around it run concurrently. Writers in *other* processes can
   * still interleave; see docs/decisions/0002.
   */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(work, work);
    this.writing = run.catch(() => undefined);
    return run;
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.calling(() => this.readRange(streamId, fromRevision));
  }

  async streamTip(streamId: string): Promise<StreamTipInfo | undefined> {
    return this.calling(async () => {
      const tip = await this.readTip(streamId);
      return tip ? { revision: tip.revision, hash: tip.hash } : undefined;
    });
  }

  async eventsOfCommand(commandId: string): Promise<RecordedEvent[]> {
    return this.calling(() => this.priorEventsOf(commandId));
  }

  private async priorEventsOf(commandId: string | undefined): Promise<RecordedEvent[]> {
    if (!commandId) return [];
    const claim = await this.claims.find(commandId);
    return claim ? this.eventsOfClaim(claim) : [];
  }

  /** A claimed command's events: they follow the revision the stream had when it was claimed. */
  private async eventsOfClaim(claim: CommandClaim): Promise<RecordedEvent[]> {
    return (await this.readRange(claim.streamId, claim.after + 1)).filter(
      (e) => e.commandId === claim.commandId,
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.calling(async () => {
      const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : Infinity;
      const out = await readAllAfter(this.client, options.after ?? 0, limit);
      this.noteRecordedAt(out[out.length - 1]?.recordedAt);
      return out;
    });
  }

  /**
   * Catch-up then live, resubscribing after every drop from the last event handled (see
   * ResilientSubscription); with `streams` the server filters by stream name.
   */
  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const streams = options.streams;
    const filter = !streams
      ? excludeSystemEvents()
      : 'prefixes' in streams
        ? streamNameFilter({ prefixes: [...streams.prefixes] })
        : streamNameFilter({ regex: streams.pattern });
    const subscription = new ResilientSubscription(
      (after, deliver, callbacks) =>
        openEsdbFeed(
          this.client,
          filter,
          after,
          (event) => {
            this.noteRecordedAt(event.recordedAt);
            return deliver(event);
          },
          callbacks,
          (error) => asStoreError(error, this.settings.hosts),
        ),
      handler,
      options,
      this.backoff,
    );
    this.subscriptions.add(subscription);
    subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.calling(async () => (await readHead(this.client))?.position ?? 0);
  }

  /** Ledger events after a position, counted up to `cap` with one forward read. */
  async countAfter(position: number, cap: number): Promise<number> {
    return this.calling(() => countAfter(this.client, position, cap));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Runs a call, turning the client's "no answer" errors into StoreUnavailableError. */
  private async calling<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error, this.settings.hosts);
    }
  }

  private noteRecordedAt(recordedAt: string | undefined): void {
    if (recordedAt && (!this.latestRecordedAt || recordedAt > this.latestRecordedAt))
      this.latestRecordedAt = recordedAt;
  }

  /** A stream from a revision (at most `count`); read to its end, it tells the stream's tip. */
  private async readRange(
    streamId: string,
    from: number,
    count?: number,
  ): Promise<RecordedEvent[]> {
    const events = await readRange(this.client, streamId, from, count);
    const last = events[events.length - 1];
    if (last && count === undefined) this.remember(streamId, last);
    return events;
  }

  private async readTip(streamId: string): Promise<Tip | undefined> {
    const tip = await readTip(this.client, streamId);
    if (!tip) {
      this.tips.delete(streamId);
      return undefined;
    }
    this.remember(streamId, tip);
    return { revision: tip.revision, hash: tip.hash, recordedAt: tip.recordedAt };
  }

  private remember(streamId: string, event: RecordedEvent): void {
    this.tips.set(streamId, {
      revision: event.revision,
      hash: event.hash,
      recordedAt: event.recordedAt,
    });
    this.noteRecordedAt(event.recordedAt);
  }
}

function duplicateOf(
  streamId: string,
  options: AppendOptions,
  prior: RecordedEvent[],
): AppendResult {
  assertSameCommand(streamId, options, prior);
  return { events: prior, nextExpectedRevision: prior[prior.length - 1].revision, duplicate: true };
}

function withTimeout<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
