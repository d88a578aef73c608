/**
 * A TEST DOUBLE of an EventStoreDB / KurrentDB node (23.10+), not a server. It is modelled on
 * the gRPC protocol that the official Node client (@eventstore/db-client 6.2.1) speaks, for the
 * calls the ledger's adapter makes, and answers them in-process from an in-memory log so tests
 * can point the real client at `esdb://127.0.0.1:<port>?tls=false`.
 *
 * Behaviours modelled (as far as the client can observe them):
 * - ServerFeatures: a server version and the Streams methods read / append / batchAppend
 *   (batchAppend can be left out, so the client falls back to plain Append).
 * - Append and BatchAppend: expected revision any / no_stream / stream_exists / a revision;
 *   wrong-expected-version answers carrying the current revision; the server's idempotency
 *   (same ids after the same expected revision succeed again without writing); the 1 MiB
 *   maximum append size; BatchAppend deadlines already past.
 * - Positions: sparse byte-offset-like numbers from 128, commit == prepare per event; an
 *   append reports the position of its last event.
 * - Read: stream and `$all` reads in both directions from start / end / a revision or
 *   position (forwards from a position includes it, backwards starts before it);
 *   stream_not_found for a missing stream; ids as string or structured UUIDs; `type`,
 *   `content-type` and `created` (100 ns ticks since the Unix epoch) in the metadata map.
 * - Subscriptions to `$all` and to a stream: confirmation, catch-up, caught_up, live events;
 *   stream-name / event-type filters (prefixes or regex) with checkpoints every
 *   multiplier x window (default 32) events scanned; from a position means strictly after it.
 * - Faults for tests: dropped subscriptions, refused calls, injected conflicts, stop/restart.
 *
 * Not modelled: TLS and credentials, links and resolveLinkTos, deletes / tombstones / stream
 * metadata, system events and projections, persistent subscriptions, clustering and gossip
 * (never NotLeader), filtered $all reads, fell_behind and "consumer too slow" drops, write
 * timeouts, per-event size limits.
 */
import {
  Server,
  ServerCredentials,
  type UntypedServiceImplementation,
  status,
} from '@grpc/grpc-js';
import {
  type IServerFeaturesServer,
  ServerFeaturesService,
} from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler } from './append-service';
import { batchAppendHandler } from './batch-append-service';
import { Controls } from './controls';
import { featuresHandler } from './features-service';
import { InMemoryLog } from './in-memory-log';
import { readHandler } from './read-service';
import { statusError } from './streaming';
import { SubscriptionRegistry } from './subscriptions';
import { UNMODELLED_SERVICES, unmodelled } from './unmodelled-services';

export interface EsdbDoubleOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Reported by ServerFeatures; default "24.10.0". */
  serverVersion?: string;
  /** List BatchAppend among the supported methods (default true, as real servers do). */
  batchAppend?: boolean;
  /** Largest append accepted, in the server's own size measure; default 1 MiB as on the server. */
  maxAppendSize?: number;
}

/** A grace period for clients to take their final statuses before connections are cut. */
const SHUTDOWN_GRACE_MS = 1_000;

export class EsdbDouble {
  readonly calls: Map<string, number>;
  private readonly log = new InMemoryLog();
  private readonly controls = new Controls();
  private readonly subscriptions = new SubscriptionRegistry(this.log, this.controls);
  private server: Server | null = null;
  private boundPort: number;
  private closed = false;

  private constructor(private readonly options: Required<EsdbDoubleOptions>) {
    this.calls = this.controls.calls;
    this.boundPort = options.port;
  }

  static async start(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
    const double = new EsdbDouble({
      port: options.port ?? 0,
      serverVersion: options.serverVersion ?? '24.10.0',
      batchAppend: options.batchAppend ?? true,
      maxAppendSize: options.maxAppendSize ?? 1_048_576,
    });
    await double.listen();
    return double;
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every open subscription now, mid-stream, with gRPC status UNAVAILABLE; returns how many. */
  dropSubscriptions(): number {
    return this.subscriptions.dropAll();
  }

  /**
   * Arms a drop: each open or future subscription is ended with UNAVAILABLE after it has sent
   * `events` more events. Once per arming: after the first drop fires, subscriptions opened
   * later (the client's resubscription) are left alone.
   */
  dropSubscriptionsAfter(events: number): void {
    this.subscriptions.dropAfter(events);
  }

  /** While on, every call (any service) is answered UNAVAILABLE with a message saying the double refuses it. */
  refuse(on: boolean): void {
    this.controls.refuse(on);
  }

  /**
   * The next append (optionally only to `streamId`) answers wrong-expected-version as if another
   * writer had got in, storing nothing. The reported current revision is one past the real tip.
   */
  conflictNextAppend(streamId?: string): void {
    this.controls.armConflict(streamId);
  }

  resetCalls(): void {
    this.calls.clear();
  }

  /** The stored events in log order (for assertions). */
  events(): ReadonlyArray<{
    streamId: string;
    revision: number;
    position: number;
    id: string;
    type: string;
  }> {
    return this.log.all.map(({ streamId, revision, position, id, type }) => ({
      streamId,
      revision,
      position,
      id,
      type,
    }));
  }

  /** Stops listening, keeping the log (open calls are cancelled with UNAVAILABLE). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.controls.endOpenCalls(
      statusError(status.UNAVAILABLE, 'The EventStoreDB test double stopped'),
    );
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  /** Listens again on the same port with the same log. */
  async restart(): Promise<void> {
    if (this.closed) throw new Error('EsdbDouble is closed');
    if (!this.server) await this.listen();
  }

  /** Stops for good. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  private async listen(): Promise<void> {
    // A grpc-js Server cannot bind again after shutdown, so each (re)start builds a new one.
    const server = new Server();
    const { log, controls, subscriptions, options } = this;
    // The handler factories carry the per-method types; delete and tombstone are not modelled.
    const streams: UntypedServiceImplementation = {
      ...unmodelled(StreamsService, controls, ['delete', 'tombstone']),
      read: readHandler(log, controls, subscriptions),
      append: appendHandler(log, controls, options.maxAppendSize),
      batchAppend: batchAppendHandler(log, controls, options.maxAppendSize),
    };
    const features: IServerFeaturesServer = {
      getSupportedMethods: featuresHandler(controls, options.serverVersion, options.batchAppend),
    };
    server.addService(StreamsService, streams);
    server.addService(ServerFeaturesService, features);
    for (const service of UNMODELLED_SERVICES)
      server.addService(service, unmodelled(service, controls));
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `127.0.0.1:${this.boundPort}`,
        ServerCredentials.createInsecure(),
        (error, port) => (error ? reject(error) : resolve(port)),
      ),
    );
    this.server = server;
  }
}
