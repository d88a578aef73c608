/**
 * The double's storage: one append-only log (the `$all` order) plus a per-stream index, with the
 * expected-revision and idempotency rules of the server's commit check. Nothing here knows about
 * gRPC; the services translate requests into these calls and the results back into messages.
 */

/** An expected revision as the client sends it; a number is a concrete stream revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** An event as proposed by an append, after its protobuf fields have been decoded. */
export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** An event as stored, with the revision, position and timestamp the log gave it. */
export interface StoredEvent {
  streamId: string;
  revision: number;
  /** Commit and prepare position alike: one event per log record, as for gRPC appends. */
  position: number;
  id: string;
  type: string;
  /** The server keeps only "is JSON"; any other content type reads back as octet-stream. */
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch: what the server puts in the `created` metadata entry. */
  created: bigint;
}

/** `currentRevision` is -1 when the stream does not exist (the wire's no_stream). */
export type AppendOutcome =
  | { kind: 'success'; currentRevision: number; position: number | null }
  | { kind: 'wrong_expected_version'; currentRevision: number };

/**
 * A fresh database never starts at 0 (the server writes its own epoch records first), so the
 * first event sits a little way in; clients must not assume positions start at 0 or step by 1.
 */
const FIRST_POSITION = 128;
/** Roughly a prepare record's fixed fields (flags, ids, timestamps, length prefixes). */
const RECORD_OVERHEAD = 96;

const TICKS_PER_MS = 10_000n;

export class InMemoryLog {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  /** Every stored event in log order. */
  get all(): readonly StoredEvent[] {
    return this.log;
  }

  /** The stream's last revision, or -1 when it has no events. */
  currentRevision(streamId: string): number {
    const stream = this.streams.get(streamId);
    return stream ? stream.length - 1 : -1;
  }

  /** Called after each successful write that stored events (live subscriptions pump on it). */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The server's commit check, in its order: a concrete (or no_stream) revision behind the tip
   * is an idempotency probe, one ahead of it or a missing stream for stream_exists is a
   * conflict, and any/stream_exists are idempotent when the first event id is already in the
   * stream. A partial match ("corrupted idempotency") is answered as a conflict, as the server
   * does.
   */
  append(streamId: string, expected: ExpectedRevision, events: ProposedEvent[]): AppendOutcome {
    const current = this.currentRevision(streamId);
    const stream = this.streams.get(streamId) ?? [];
    const conflict = (): AppendOutcome => ({
      kind: 'wrong_expected_version',
      currentRevision: current,
    });

    if (expected === 'stream_exists' && current < 0) return conflict();
    if (expected === 'any' || expected === 'stream_exists') {
      const known = events.map((e) => stream.find((s) => s.id === e.id));
      if (known.length > 0 && known[0]) {
        return known.every((k) => k !== undefined)
          ? this.alreadyWritten(known[known.length - 1]!)
          : conflict();
      }
      return this.write(streamId, events);
    }

    const expectedRevision = expected === 'no_stream' ? -1 : expected;
    if (expectedRevision === current) return this.write(streamId, events);
    if (expectedRevision > current || events.length === 0) return conflict();
    // Behind the tip: the same ids right after the expected revision mean a retried write.
    const same = events.every((e, i) => stream[expectedRevision + 1 + i]?.id === e.id);
    return same ? this.alreadyWritten(stream[expectedRevision + events.length]!) : conflict();
  }

  /** An idempotent retry reports the original write: its last revision and that event's position. */
  private alreadyWritten(last: StoredEvent): AppendOutcome {
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  private write(streamId: string, events: ProposedEvent[]): AppendOutcome {
    let stream = this.streams.get(streamId);
    if (events.length === 0) {
      // An empty write passes the check and stores nothing; there is no event to give a position.
      return { kind: 'success', currentRevision: stream ? stream.length - 1 : -1, position: null };
    }
    if (!stream) {
      stream = [];
      this.streams.set(streamId, stream);
    }
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    for (const event of events) {
      const stored: StoredEvent = {
        streamId,
        revision: stream.length,
        position: this.nextPosition,
        id: event.id,
        type: event.type,
        isJson: event.contentType === 'application/json',
        data: event.data,
        metadata: event.metadata,
        created,
      };
      // Advance by the record's size, like a byte offset into the transaction file.
      this.nextPosition += recordSize(stored);
      stream.push(stored);
      this.log.push(stored);
    }
    for (const listener of [...this.listeners]) listener();
    const last = stream[stream.length - 1]!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** A stream read; undefined when the stream does not exist (the wire's stream_not_found). */
  readStream(
    streamId: string,
    from: 'start' | 'end' | number,
    direction: 'forwards' | 'backwards',
    count: number,
  ): StoredEvent[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? stream.length : from;
      return stream.slice(start, start + count);
    }
    const start = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : from;
    return takeBackwards(stream, Math.min(start, stream.length - 1), count);
  }

  /**
   * A `$all` read. Forwards from a position includes the event at that position; backwards from
   * a position starts strictly before it (the position is the boundary a page ended on).
   */
  readAll(
    from: 'start' | 'end' | number,
    direction: 'forwards' | 'backwards',
    count: number,
  ): StoredEvent[] {
    if (direction === 'forwards') {
      const start =
        from === 'start' ? 0 : from === 'end' ? this.log.length : this.firstAtOrAfter(from);
      return this.log.slice(start, start + count);
    }
    const start =
      from === 'end' ? this.log.length - 1 : from === 'start' ? -1 : this.firstAtOrAfter(from) - 1;
    return takeBackwards(this.log, start, count);
  }

  /** Index into the log of the first event whose position is at or after `position`. */
  firstAtOrAfter(position: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.log[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function takeBackwards(
  events: readonly StoredEvent[],
  start: number,
  count: number,
): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = start; i >= 0 && out.length < count; i -= 1) out.push(events[i]!);
  return out;
}

function recordSize(event: StoredEvent): number {
  return (
    RECORD_OVERHEAD +
    Buffer.byteLength(event.streamId) +
    Buffer.byteLength(event.type) +
    event.data.length +
    event.metadata.length
  );
}
