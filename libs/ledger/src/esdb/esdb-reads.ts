import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../envelope/recorded-event';
import {
  type EsdbPosition,
  comparePositions,
  esdbPositionOf,
  fromEsdbEvent,
  isLedgerEvent,
} from './esdb-envelope';

// The adapter's reads, one gRPC read each (or one per page), with no state: the store keeps its
// caches around them. Every read is drained to its end: leaving the client's read stream early
// keeps its call open, and the client's dispose then waits for it.

const PAGE = 500;

/** Events of a stream from a revision, at most `count`; [] when the stream does not exist. */
export async function readRange(
  client: EventStoreDBClient,
  streamId: string,
  from: number,
  count?: number,
): Promise<RecordedEvent[]> {
  try {
    const read = await drain<ResolvedEvent>(
      client.readStream(streamId, {
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

/** The last event of a stream (one backward read of one event); undefined for no stream. */
export async function readTip(
  client: EventStoreDBClient,
  streamId: string,
): Promise<RecordedEvent | undefined> {
  try {
    const [last] = await drain<ResolvedEvent>(
      client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    return last?.event ? fromEsdbEvent(last.event) : undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

/** Ledger events of $all after a position (exclusive), at most `limit`, in log order. */
export async function readAllAfter(
  client: EventStoreDBClient,
  after: number,
  limit: number,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let cursor: EsdbPosition | null = after > 0 ? esdbPositionOf(after) : null;
  while (out.length < limit) {
    // A forward read includes its start position and pages may be mostly system events: ask
    // one more than needed and drop everything at or before the cursor.
    const maxCount = Math.min(PAGE, Math.max(limit - out.length + 1, 50));
    const from: ReadPosition = cursor ?? START;
    const page: AllStreamResolvedEvent[] = await drain(
      client.readAll({ fromPosition: from, maxCount, resolveLinkTos: false }),
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

/** Ledger events after a position, counted up to `cap` with one forward read. */
export async function countAfter(
  client: EventStoreDBClient,
  position: number,
  cap: number,
): Promise<number> {
  const cursor = position > 0 ? esdbPositionOf(position) : null;
  const page: AllStreamResolvedEvent[] = await drain(
    client.readAll({ fromPosition: cursor ?? START, maxCount: cap + 1, resolveLinkTos: false }),
  );
  const after = page.filter(
    ({ event }) =>
      event && (!cursor || comparePositions(event.position, cursor) > 0) && isLedgerEvent(event),
  );
  return Math.min(cap, after.length);
}

/** The newest ledger event in $all, reading backwards past system events. */
export async function readHead(
  client: EventStoreDBClient,
  deadline?: number,
): Promise<RecordedEvent | undefined> {
  let cursor: EsdbPosition | null = null;
  for (;;) {
    const from: ReadPosition = cursor ?? END;
    const page: AllStreamResolvedEvent[] = await drain(
      client.readAll({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: 50,
        ...(deadline ? { deadline } : {}),
      }),
    );
    for (const { event } of page) {
      if (!event || (cursor && comparePositions(event.position, cursor) >= 0)) continue;
      cursor = event.position;
      if (isLedgerEvent(event)) return fromEsdbEvent(event);
    }
    if (page.length < 50 || !cursor) return undefined;
  }
}

async function drain<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}
