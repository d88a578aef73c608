import type { RecordedEvent } from '@libs/ledger';

/** Enough of an event to trace a number to it and to filter by either clock. */
export interface EventRef {
  eventId: string;
  type: string;
  position: number;
  hash: string;
  recordedAt: string;
  occurredAt: string;
  /** Who submitted it. */
  actor: string;
}

export const refOf = (e: RecordedEvent): EventRef => ({
  eventId: e.eventId,
  type: e.type,
  position: e.position,
  hash: e.hash,
  recordedAt: e.recordedAt,
  occurredAt: e.occurredAt,
  actor: e.actor,
});

export interface Fact<T> {
  ref: EventRef;
  data: T;
}

/** Known to the ledger by `asOf` (null: now). */
export const knownBy =
  (asOf: string | null) =>
  (f: { ref: EventRef }): boolean =>
    asOf === null || f.ref.recordedAt <= asOf;
