/** A JSON object as stored in an event's data. */
export type EventData = Record<string, unknown>;

/** An event as a decider produces it: what happened, and when in the world. */
export interface NewEvent<Type extends string = string, Data extends EventData = EventData> {
  type: Type;
  data: Data;
  /** When it happened in the world (ISO date or date-time); decides the evaluation period. */
  occurredAt: string;
  /** Defaults to 1; bumped only by addition, old shapes are upcast when read. */
  schemaVersion?: number;
  /** Optional; derived from the commandId when one is given, so a replay appends nothing new. */
  eventId?: string;
}

/** Who asked for an append and why; applies to every event of one append. */
export interface AppendContext {
  actor: string;
  commandId?: string;
  /** SHA-256 of the command's canonical content; stored with its events so a reused id shows. */
  commandFingerprint?: string;
  /**
   * Migrated records only: when the source system says it recorded them (an attested claim, kept
   * beside the ledger's own recordedAt, which is still the append time).
   */
  sourceRecordedAt?: string;
  correlationId?: string;
  causationId?: string;
}

/** The envelope every stored event carries. */
export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  streamId: string;
  /** 0-based, dense within the stream. */
  revision: number;
  /** 1-based, dense, global order of the log (adapters that cannot be dense say so). */
  position: number;
  /** Ledger time: when the ledger learned of it. Set by the ledger, never by a caller. */
  recordedAt: string;
  occurredAt: string;
  actor: string;
  correlationId: string | null;
  causationId: string | null;
  commandId: string | null;
  /**
   * The fingerprint of the command that produced the event. Optional: events written before
   * fingerprints existed have none, and their hashes must still verify.
   */
  commandFingerprint?: string;
  /** Migrated records only: the source system's recording time (see AppendContext). */
  sourceRecordedAt?: string;
  data: Data;
  /** SHA-256 over the previous event's hash in this stream and this event's canonical JSON. */
  hash: string;
}

/** The parts of an envelope the hash covers: everything but the hash and the global position. */
export type HashedFields = Omit<RecordedEvent, 'hash' | 'position'>;
