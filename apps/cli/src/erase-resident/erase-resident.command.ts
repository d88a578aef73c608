import { Command } from 'commander';
import { commandAuthorizer } from '@libs/access';
import { ledgerCommandContext } from '@libs/commands';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay, executeCommand, openIdentityVault, storeFactLookup } from '@libs/records';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

/**
 * Erases a resident's personal data: appends ResidentIdentityErased (who, when, why) through the
 * one command handler, which then deletes the resident's data key from the vault beside the
 * store (docs/decisions/0021). The service records and every figure stay.
 */
export function eraseResidentCommand(): Command {
  return withKeyOption(withStoreOption(new Command('erase-resident')))
    .description(
      "erase a resident's name, ID number, phone and address for good: the data key is destroyed, an erasure event says who, when and why; records, figures, verify and seals are unchanged",
    )
    .requiredOption('--resident <residentId>', 'pseudonymous resident id')
    .requiredOption('--reason <text>', 'why (kept in the log: do not repeat the personal data)')
    .option('--command-id <id>', 'the command id (default erase-<resident>): a repeat is safe')
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
          const how = result.duplicate
            ? 'already erased by this command'
            : `erasure recorded at position ${result.events[0]?.position}`;
          process.stdout.write(
            `resident ${o.resident}: personal data erased (${how}); the data key is gone\n`,
          );
        } finally {
          await store.close();
          vault.close();
        }
      },
    );
}
