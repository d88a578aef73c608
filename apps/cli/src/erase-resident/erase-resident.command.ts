import { Command } from 'commander';
import { commandAuthorizer } from '@libs/access';
import { ledgerCommandContext } from '@libs/commands';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay, executeCommand, openIdentityVault, storeFactLookup } from '@libs/records';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

/**
 * Erases a resident's personal data: appends ResidentIdentityErased (who, when, why) through the
 * one command handler, which then deletes the resident's data key from the vault beside the
 * store (docs/decisions/0021). The service records and every figure stay.
 */
export function eraseResidentCommand(): Command {
  const T = messages({
    zh: {
      description:
        '永久删除某居民的姓名、身份证号、电话和住址：销毁其数据密钥，由一条删除事件记下操作人、时间和原因；服务记录、指标、verify 与封存都不变',
      resident: '居民编号（假名化）',
      reason: '原因（记入账本：请勿重复个人信息）',
      commandId: '命令编号（默认 erase-<居民>）：重复执行是安全的',
      already: '此命令已删除过',
      recorded: (position: number | undefined) => `删除已记入账本位置 ${position}`,
      done: (resident: string, how: string) =>
        `居民 ${resident}：个人信息已删除（${how}）；数据密钥已销毁`,
    },
    en: {
      description:
        "erase a resident's name, ID number, phone and address for good: the data key is destroyed, an erasure event says who, when and why; records, figures, verify and seals are unchanged",
      resident: 'pseudonymous resident id',
      reason: 'why (kept in the log: do not repeat the personal data)',
      commandId: 'the command id (default erase-<resident>): a repeat is safe',
      already: 'already erased by this command',
      recorded: (position: number | undefined) => `erasure recorded at position ${position}`,
      done: (resident: string, how: string) =>
        `resident ${resident}: personal data erased (${how}); the data key is gone`,
    },
  });
  return withKeyOption(withStoreOption(new Command('erase-resident')))
    .description(T.description)
    .requiredOption('--resident <residentId>', T.resident)
    .requiredOption('--reason <text>', T.reason)
    .option('--command-id <id>', T.commandId)
    .action(
      async (o: {
        resident: string;
        reason: string;
        commandId?: string;
        store?: string;
        key?: string;
      }) => {
        const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
        const store = await openStoreFrom(o);
        const vault = openIdentityVault(location);
        try {
          const principal = await principalFrom(store, o);
          const result = await executeCommand(
            {
              type: 'EraseResidentIdentity',
              commandId: o.commandId ?? `erase-${o.resident}`,
              residentId: o.resident,
              reason: o.reason,
              occurredAt: chinaDay(systemClock().toISOString()),
            },
            {
              store,
              clock: systemClock,
              actor: principal.actorId,
              authorize: commandAuthorizer(principal, storeFactLookup(store), systemClock),
              ...ledgerCommandContext({ store, clock: systemClock }),
              vault,
            },
          );
          const how = result.duplicate ? T.already : T.recorded(result.events[0]?.position);
          process.stdout.write(`${T.done(o.resident, how)}\n`);
        } finally {
          await store.close();
          vault.close();
        }
      },
    );
}
