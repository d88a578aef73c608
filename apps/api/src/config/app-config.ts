import { parseConnectTimeout, parseStoreLocation, type StoreLocation } from '@libs/ledger';

export interface AppConfig {
  port: number;
  host: string;
  store: StoreLocation;
  /** LEDGER_STORE_CONNECT_TIMEOUT_MS: how long start-up waits for a networked store to answer. */
  storeConnectTimeoutMs: number;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Thrown at start-up with every problem at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT "${portText}" must be a whole number from 0 to 65535`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL "${logLevel}" must be one of ${LOG_LEVELS.join(', ')}`);
  let storeConnectTimeoutMs = 0;
  try {
    storeConnectTimeoutMs = parseConnectTimeout(env.LEDGER_STORE_CONNECT_TIMEOUT_MS);
  } catch (error) {
    problems.push((error as Error).message);
  }
  let store: StoreLocation | undefined;
  try {
    store = parseStoreLocation(env.LEDGER_STORE);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0 || !store) throw new ConfigError(problems);
  return { port, host: env.HOST ?? '0.0.0.0', store, storeConnectTimeoutMs, logLevel };
}
