import type { Clock } from '../envelope/ledger-clock';
import type { EventStore } from '../store/event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { StoreLocation } from './store-location';

export interface OpenOptions {
  clock?: Clock;
  /** SQLite only; see SqliteStoreOptions.durability. */
  durability?: 'full' | 'normal';
  /** EventStoreDB only: start-up gives up when the server has not answered by then. */
  connectTimeoutMs?: number;
}

/** Opens the configured adapter; the EventStoreDB client is loaded only when it is chosen. */
export async function openEventStore(
  location: StoreLocation,
  options: OpenOptions = {},
): Promise<EventStore> {
  if (location.kind === 'sqlite')
    return new SqliteEventStore({
      path: location.path,
      clock: options.clock,
      durability: options.durability,
    });
  const { EsdbEventStore } = await import('../esdb/esdb-event-store');
  return EsdbEventStore.connect(location.connectionString, {
    clock: options.clock,
    connectTimeoutMs: options.connectTimeoutMs,
  });
}
