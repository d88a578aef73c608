import { eventHash } from './event-hash';
import { eventIdFor } from './event-ids';
import type { AppendContext, NewEvent, RecordedEvent } from './recorded-event';

export interface StreamTip {
  /** Revision of the last event, -1 for a new stream. */
  revision: number;
  /** Hash of the last event, GENESIS_HASH for a new stream. */
  hash: string;
}

/**
 * Turns a batch of new events into hash-chained envelopes (position still unassigned), the same
 * way in every adapter so a log moved between stores keeps its hashes.
 */
export function sealEnvelopes(
  streamId: string,
  events: NewEvent[],
  tip: StreamTip,
  recordedAt: string,
  context: AppendContext,
): Omit<RecordedEvent, 'position'>[] {
  let previousHash = tip.hash;
  return events.map((event, index) => {
    const fields = {
      eventId: event.eventId ?? eventIdFor(context.commandId, index),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      revision: tip.revision + 1 + index,
      recordedAt,
      occurredAt: event.occurredAt,
      actor: context.actor,
      correlationId: context.correlationId ?? null,
      causationId: context.causationId ?? null,
      commandId: context.commandId ?? null,
      ...(context.commandFingerprint !== undefined
        ? { commandFingerprint: context.commandFingerprint }
        : {}),
      ...(context.sourceRecordedAt !== undefined
        ? { sourceRecordedAt: context.sourceRecordedAt }
        : {}),
      data: event.data,
    };
    const hash = eventHash(previousHash, fields);
    previousHash = hash;
    return { ...fields, hash };
  });
}
