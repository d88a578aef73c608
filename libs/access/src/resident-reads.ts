import { randomUUID } from 'node:crypto';
import { type Clock, type EventStore, type RecordedEvent, logPages } from '@libs/ledger';
import type { Principal } from './principal';

/** Who read whose personal record is kept per resident, in the ledger like everything else. */
export const residentReadsStream = (residentId: string): string => `reads-${residentId}`;

export async function recordResidentRead(
  store: EventStore,
  clock: Clock,
  principal: Principal,
  residentId: string,
  what: string,
): Promise<void> {
  const occurredAt = clock().toISOString();
  await store.append(
    residentReadsStream(residentId),
    [
      {
        type: 'ResidentRecordRead',
        data: { residentId, actorId: principal.actorId, what, occurredAt },
        occurredAt,
      },
    ],
    { expectedRevision: 'any', actor: principal.actorId, commandId: `read-${randomUUID()}` },
  );
}

export interface ReadEntry {
  residentId: string;
  actorId: string;
  what: string;
  at: string;
  position: number;
}

const entry = (e: RecordedEvent): ReadEntry => ({
  residentId: e.data.residentId as string,
  actorId: e.actor,
  what: e.data.what as string,
  at: e.recordedAt,
  position: e.position,
});

export async function readsOfResident(store: EventStore, residentId: string): Promise<ReadEntry[]> {
  return (await store.readStream(residentReadsStream(residentId))).map(entry);
}

/** Every read in the log after a position, paged; the auditor's "who looked at what". */
export async function readsInLog(
  store: EventStore,
  after: number,
  limit: number,
): Promise<{ reads: ReadEntry[]; next: number | null }> {
  const reads: ReadEntry[] = [];
  for await (const page of logPages(store, { after, pageSize: 2000 })) {
    for (const e of page) {
      if (e.type === 'ResidentRecordRead') reads.push(entry(e));
      if (reads.length === limit) return { reads, next: e.position };
    }
  }
  return { reads, next: null };
}
