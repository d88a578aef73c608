import {
  openEventStore,
  parseStoreLocation,
  type EventStore,
  type StoreLocation,
} from '@libs/ledger';

/**
 * The store as every command opens it ($LEDGER_STORE, `--store`), except that `--fast` lowers
 * SQLite's durability to synchronous=NORMAL for bulk loads: a process crash still loses nothing,
 * a power cut may lose the last acknowledged lines, and re-running the file completes them.
 */
export async function openImportStore(options: {
  store?: string;
  fast?: boolean;
}): Promise<{ store: EventStore; location: StoreLocation }> {
  const location = parseStoreLocation(options.store ?? process.env.LEDGER_STORE);
  const store = await openEventStore(location, options.fast ? { durability: 'normal' } : {});
  return { store, location };
}
