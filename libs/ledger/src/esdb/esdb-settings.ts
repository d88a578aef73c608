import { StoreConfigError } from '../errors';

/**
 * Connection-string keys the ledger hands to @eventstore/db-client 6.x, by their lower-case
 * form (the client matches keys case-insensitively). The client only *warns* about a key it does
 * not know and carries on without it, so a misspelt `tlsCAFile` would silently connect without
 * the CA: the ledger refuses such a string at start instead.
 */
const SUPPORTED = new Map<string, string>(
  [
    'tls',
    'tlsCAFile',
    'userCertFile',
    'userKeyFile',
    'connectionName',
    'nodePreference',
    'dnsDiscover',
    'maxDiscoverAttempts',
    'discoveryInterval',
    'gossipTimeout',
    'keepAliveInterval',
    'keepAliveTimeout',
    'defaultDeadline',
    'throwOnAppendFailure',
    'tlsVerifyCert',
  ].map((k) => [k.toLowerCase(), k]),
);

/** Keys the client parses but does not act on; accepting them would promise what is not done. */
const UNSUPPORTED_VALUES: Record<string, { value: string; why: string }> = {
  tlsverifycert: {
    value: 'false',
    why:
      'tlsVerifyCert=false is parsed but ignored by the client (certificates are always verified); ' +
      'for a cluster with its own CA give tlsCAFile=<path of the CA certificate>',
  },
};

export interface EsdbSettings {
  /** The string for the client. */
  connectionString: string;
  /** Hosts only, for messages (a connection string may carry credentials). */
  hosts: string;
}

/** Refuses unknown keys and unsupported values, naming every problem and what is supported. */
export function parseEsdbSettings(connectionString: string): EsdbSettings {
  const query = connectionString.includes('?')
    ? connectionString.slice(connectionString.indexOf('?') + 1)
    : '';
  const problems: string[] = [];
  for (const [key, value] of new URLSearchParams(query)) {
    const lower = key.toLowerCase();
    if (!SUPPORTED.has(lower)) {
      problems.push(`unknown setting "${key}"`);
      continue;
    }
    const unsupported = UNSUPPORTED_VALUES[lower];
    if (unsupported && value.trim().toLowerCase() === unsupported.value)
      problems.push(unsupported.why);
  }
  if (problems.length > 0) {
    throw new StoreConfigError(
      `EventStoreDB connection string refused: ${problems.join('; ')}. ` +
        `Supported settings: ${[...SUPPORTED.values()].join(', ')} (see docs/eventstoredb.md)`,
    );
  }
  const hosts = connectionString
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[?/]/)[0];
  return { connectionString, hosts };
}
