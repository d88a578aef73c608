import type { EventData, NewEvent, RecordedEvent } from '../envelope/recorded-event';
import { DuplicateEventIdError, InvalidEventError } from '../errors';

// Plain shapes only: this file must not import @eventstore/db-client, so the envelope mapping can
// be unit-tested and read without the gRPC client loaded.

/** An $all position as the server reports it. */
export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

/** The parts of a client RecordedEvent this mapping reads. */
export interface StoredEsdbEvent {
  id: string;
  streamId: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

/**
 * Envelope fields ESDB does not already carry. eventId, type, streamId and revision are left out
 * on purpose: the server stores them natively (event id, event type, stream, stream revision), and
 * every byte of metadata counts against the server's MaxAppendSize (1 MiB by default) for a whole
 * append. The hash still covers them, so any drift between the two shows up in `verify`.
 * Absent correlation/causation/command ids mean null, for the same reason.
 */
export type EnvelopeMetadata = {
  schemaVersion: number;
  recordedAt: string;
  occurredAt: string;
  actor: string;
  hash: string;
  correlationId?: string;
  causationId?: string;
  commandId?: string;
  commandFingerprint?: string;
  sourceRecordedAt?: string;
};

export interface EsdbEventBody {
  id: string;
  type: string;
  data: EventData;
  metadata: EnvelopeMetadata;
}

// ESDB keeps event ids as UUIDs and gives them back lower-case; only that form survives the round
// trip unchanged, and the hash covers the id.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks what ESDB needs beyond validateNewEvents. Types starting with "$" are the server's own;
 * they would vanish from $all reads and subscriptions, which filter system events out.
 */
export function assertStorableInEsdb(events: NewEvent[]): void {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.type.startsWith('$')) problems.push(`events[${i}].type must not start with "$"`);
    if (e.eventId !== undefined && !CANONICAL_UUID.test(e.eventId)) {
      problems.push(`events[${i}].eventId must be a lower-case UUID for EventStoreDB`);
    }
  });
  if (problems.length > 0) throw new InvalidEventError(problems.join('; '));
}

/**
 * Explicit event ids must be new. ESDB enforces no id uniqueness across streams (its idempotency
 * check is per stream and per expected revision), so this adapter can only check the target
 * stream and the batch itself; see docs/decisions/0002.
 */
export function assertFreshEventIds(events: NewEvent[], existing: RecordedEvent[]): void {
  const seen = new Set(existing.map((e) => e.eventId));
  for (const e of events) {
    if (e.eventId === undefined) continue;
    if (seen.has(e.eventId)) throw new DuplicateEventIdError(e.eventId);
    seen.add(e.eventId);
  }
}

export function toEsdbEvent(envelope: Omit<RecordedEvent, 'position'>): EsdbEventBody {
  const metadata: EnvelopeMetadata = {
    schemaVersion: envelope.schemaVersion,
    recordedAt: envelope.recordedAt,
    occurredAt: envelope.occurredAt,
    actor: envelope.actor,
    hash: envelope.hash,
  };
  if (envelope.correlationId !== null) metadata.correlationId = envelope.correlationId;
  if (envelope.causationId !== null) metadata.causationId = envelope.causationId;
  if (envelope.commandId !== null) metadata.commandId = envelope.commandId;
  if (envelope.commandFingerprint !== undefined) {
    metadata.commandFingerprint = envelope.commandFingerprint;
  }
  if (envelope.sourceRecordedAt !== undefined)
    metadata.sourceRecordedAt = envelope.sourceRecordedAt;
  return { id: envelope.eventId, type: envelope.type, data: envelope.data, metadata };
}

/** True for events this ledger wrote; $all also holds system events and maybe other writers'. */
export function isLedgerEvent(stored: StoredEsdbEvent): boolean {
  if (stored.streamId.startsWith('$') || stored.type.startsWith('$') || !stored.isJson)
    return false;
  const m = stored.metadata as Partial<EnvelopeMetadata> | undefined;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.hash === 'string' &&
    typeof m.recordedAt === 'string' &&
    typeof m.occurredAt === 'string' &&
    typeof m.actor === 'string' &&
    typeof m.schemaVersion === 'number' &&
    typeof stored.data === 'object' &&
    stored.data !== null
  );
}

export function fromEsdbEvent(stored: StoredEsdbEvent): RecordedEvent {
  if (!isLedgerEvent(stored)) {
    throw new Error(`${stored.streamId}@${stored.revision} (${stored.id}) is not a ledger event`);
  }
  if (!stored.position) {
    // Stream reads carry $all positions only from server 22.6 on.
    throw new Error(
      'EventStoreDB did not report event positions; the ledger needs server 22.6 or newer',
    );
  }
  const m = stored.metadata as EnvelopeMetadata;
  return {
    eventId: stored.id.toLowerCase(),
    type: stored.type,
    schemaVersion: m.schemaVersion,
    streamId: stored.streamId,
    revision: Number(stored.revision),
    position: toLedgerPosition(stored.position),
    recordedAt: m.recordedAt,
    occurredAt: m.occurredAt,
    actor: m.actor,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    commandId: m.commandId ?? null,
    ...(m.commandFingerprint !== undefined ? { commandFingerprint: m.commandFingerprint } : {}),
    ...(m.sourceRecordedAt !== undefined ? { sourceRecordedAt: m.sourceRecordedAt } : {}),
    data: stored.data as EventData,
    hash: m.hash,
  };
}

/**
 * The port's position is the prepare position: unique per event, increasing in $all order for
 * events written by gRPC appends, and reported by stream reads as well as $all reads.
 */
export function toLedgerPosition(position: EsdbPosition): number {
  const value = Number(position.prepare);
  if (!Number.isSafeInteger(value))
    throw new Error(`$all position ${position.prepare} exceeds 2^53`);
  return value;
}

/**
 * Back from a port position to an $all position. Every event the ledger hands out was written by
 * a gRPC append, for which the server records commit == prepare (EventStoreDB >= 20.6.1), so the
 * pair is exact; older TCP transactions (commit > prepare) are never ledger events.
 */
export function esdbPositionOf(position: number): EsdbPosition {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** Orders $all positions as the server does: by commit, then prepare. */
export function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
