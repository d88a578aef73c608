import type { Command } from 'commander';
import {
  openEventStore,
  parseConnectTimeout,
  parseStoreLocation,
  type EventStore,
} from '@libs/ledger';
import { messages } from './text/lang';

/** Every command reads LEDGER_STORE, and `--store` overrides it for one run. */
export function withStoreOption(command: Command): Command {
  return command.option(
    '--store <location>',
    messages({
      zh: 'sqlite:<路径> 或 esdb://主机:端口（默认：$LEDGER_STORE，否则 sqlite:./data/ledger.sqlite）',
      en: 'sqlite:<path> or esdb://host:port (default: $LEDGER_STORE, else sqlite:./data/ledger.sqlite)',
    }),
  );
}

export async function openStoreFrom(options: { store?: string }): Promise<EventStore> {
  return openEventStore(parseStoreLocation(options.store ?? process.env.LEDGER_STORE), {
    connectTimeoutMs: parseConnectTimeout(process.env.LEDGER_STORE_CONNECT_TIMEOUT_MS),
  });
}
