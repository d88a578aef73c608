import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '@libs/ledger';
import { toEsdbEvent } from '@libs/ledger/esdb/esdb-envelope';

/**
 * Writes recorded events into an EventStoreDB-speaking server as they are (same ids, hashes,
 * times), each at its own revision: a log built fast on SQLite, replayed onto the network store.
 * Streams are written concurrently, each in its own order.
 */
export async function copyLogToEsdb(
  connectionString: string,
  events: readonly RecordedEvent[],
  concurrency = 16,
): Promise<void> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.streamId) ?? [];
    list.push(e);
    byStream.set(e.streamId, list);
  }
  const queue = [...byStream.values()];
  const worker = async (): Promise<void> => {
    for (let stream = queue.shift(); stream; stream = queue.shift()) {
      for (const e of stream) {
        await client.appendToStream(e.streamId, jsonEvent(toEsdbEvent(e)), {
          expectedRevision: e.revision === 0 ? NO_STREAM : BigInt(e.revision - 1),
        });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await client.dispose();
  }
}
