import { StoreConfigError } from '../errors';

export type StoreLocation =
  { kind: 'sqlite'; path: string } | { kind: 'esdb'; connectionString: string };

export const DEFAULT_STORE = 'sqlite:./data/ledger.sqlite';

const ESDB_SCHEMES = ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://'];

/** Reads LEDGER_STORE; every app and CLI command goes through here so they agree. */
export function parseStoreLocation(value: string | undefined): StoreLocation {
  const text = (value ?? '').trim() || DEFAULT_STORE;
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (!path)
      throw new StoreConfigError(
        `LEDGER_STORE "${text}" names no file; use sqlite:<path> or sqlite::memory:`,
      );
    return { kind: 'sqlite', path };
  }
  const scheme = ESDB_SCHEMES.find((s) => text.startsWith(s));
  if (scheme) {
    if (text.length === scheme.length) {
      throw new StoreConfigError(
        `LEDGER_STORE "${text}" names no host; e.g. esdb://localhost:2113?tls=false`,
      );
    }
    // The client accepts esdb:// schemes; kurrentdb:// is the same protocol under a new name.
    return { kind: 'esdb', connectionString: text.replace(/^kurrentdb/, 'esdb') };
  }
  throw new StoreConfigError(
    `LEDGER_STORE "${text}" is not understood: use sqlite:<path> (default ${DEFAULT_STORE}) or esdb://host:port?tls=false`,
  );
}

export function describeStoreLocation(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `sqlite:${location.path}`;
  // Connection strings can carry credentials; show only the hosts.
  return location.connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

/** How long start-up waits for a networked store by default (10 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Reads LEDGER_STORE_CONNECT_TIMEOUT_MS (milliseconds, 100 to 600000); the default when unset. */
export function parseConnectTimeout(value: string | undefined): number {
  const text = (value ?? '').trim();
  if (!text) return DEFAULT_CONNECT_TIMEOUT_MS;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 100 || ms > 600_000)
    throw new StoreConfigError(
      `LEDGER_STORE_CONNECT_TIMEOUT_MS "${text}" must be a whole number of milliseconds from 100 to 600000`,
    );
  return ms;
}
