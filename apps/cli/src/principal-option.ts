import type { Command } from 'commander';
import { OPERATOR, type Principal, authenticate } from '@libs/access';
import type { EventStore } from '@libs/ledger';
import { messages } from './text/lang';

/** `--key` / LEDGER_KEY runs a command as that actor, with its scope; otherwise as the operator. */
export function withKeyOption(command: Command): Command {
  return command.option(
    '--key <apiKey>',
    messages({
      zh: '以持有该密钥的用户身份操作（默认：$LEDGER_KEY，否则为本机运维 operator）',
      en: 'act as the actor owning this key (default: $LEDGER_KEY, else the local operator)',
    }),
  );
}

export async function principalFrom(
  store: EventStore,
  options: { key?: string },
): Promise<Principal> {
  const key = options.key ?? process.env.LEDGER_KEY;
  return key ? authenticate(store, `Bearer ${key}`) : OPERATOR;
}
