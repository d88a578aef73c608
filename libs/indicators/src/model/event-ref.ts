import type { RecordedEvent } from '@libs/ledger';
import { once } from './shared-strings';

/** Enough of an event to trace a number to it and to filter by either clock. */
export interface EventRef {
  eventId: string;
  type: string;
  position: number;
  hash: string;
  recordedAt: string;
  /** Migrated records only: when the source system recorded it (shown beside recordedAt). */
  sourceRecordedAt?: string;
  occurredAt: string;
  /** Who submitted it. */
  actor: string;
}

export function refOf(e: RecordedEvent): EventRef {
  // The data's occurredAt is the envelope's in the records that carry one: one copy, not two.
  const inData = (e.data as { occurredAt?: unknown }).occurredAt;
  const ref: EventRef = {
    eventId: e.eventId,
    type: once(e.type),
    position: e.position,
    hash: e.hash,
    recordedAt: e.recordedAt,
    occurredAt: inData === e.occurredAt ? inData : e.occurredAt,
    actor: once(e.actor),
  };
  // Only where there is one, so the evidence of records born in the ledger reads as before.
  if (e.sourceRecordedAt !== undefined) ref.sourceRecordedAt = e.sourceRecordedAt;
  return ref;
}

export interface Fact<T> {
  ref: EventRef;
  data: T;
}

/**
 * Which clock an as-of view reads. ledger: what the ledger had recorded by then (recordedAt),
 * the default and the only basis of seals. source: what had been recorded by then anywhere,
 * taking a migrated record's source-system time and every other record's recordedAt, so a
 * view of a day before the migration shows what the old system held on that day.
 */
export type AsOfBasis = 'ledger' | 'source';
export const AS_OF_BASES: readonly AsOfBasis[] = ['ledger', 'source'];

/** The time an event counts as known from, on a basis. */
export const knownAt = (ref: EventRef, basis: AsOfBasis = 'ledger'): string =>
  basis === 'source' ? (ref.sourceRecordedAt ?? ref.recordedAt) : ref.recordedAt;

/** Known by `asOf` (null: now), on the basis given (the ledger's time by default). */
export const knownBy =
  (asOf: string | null, basis: AsOfBasis = 'ledger') =>
  (f: { ref: EventRef }): boolean =>
    asOf === null || knownAt(f.ref, basis) <= asOf;
