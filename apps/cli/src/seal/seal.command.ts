import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ForbiddenError, type Principal, authorize } from '@libs/access';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import { sealPeriod } from '@libs/audit/seal/seal-period';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay, storeFactLookup } from '@libs/records';
import { yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

/** Only auditors (or the local operator) seal a period. */
export function assertMaySeal(principal: Principal): void {
  if (principal.operator || principal.roles.includes('auditor')) return;
  throw new ForbiddenError(
    'role',
    `actor ${principal.actorId} (roles: ${principal.roles.join(', ') || 'none'}) is not an auditor: only auditors seal a period`,
    `用户 ${principal.actorId}（角色：${principal.roles.join('、') || '无'}）不是审计员，只有审计员可以封存考核期`,
    { actorId: principal.actorId, roles: principal.roles, required: 'auditor' },
  );
}

export function sealCommand(): Command {
  return withKeyOption(withStoreOption(new Command('seal')))
    .description(
      "close a period: append a signed seal (the unit's figures, the position they were computed at, the RFC 6962 Merkle root of every event up to it, Ed25519 signature) and write it to a file",
    )
    .requiredOption(
      '--period <year>',
      'evaluation year to seal (by when services happened)',
      yearArg,
    )
    .option('--unit <unitId>', 'the unit whose figures are sealed (default: the top of the tree)')
    .requiredOption(
      '--out <file>',
      'where to write the seal file (self-contained JSON; keep it outside the ledger)',
    )
    .addHelpText(
      'after',
      '\nThe signing key: $LEDGER_SIGNING_KEY (a PKCS#8 PEM file), else ledger-signing-key.pem next to the SQLite store, created (mode 0600) on first use.',
    )
    .action(
      async (o: { period: number; unit?: string; out: string; store?: string; key?: string }) => {
        const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
        const store = await openStoreFrom(o);
        try {
          const principal = await principalFrom(store, o);
          assertMaySeal(principal);
          const today = chinaDay(systemClock().toISOString());
          await authorize(
            principal,
            { permission: 'audit:read', units: o.unit ? [o.unit] : null, read: true },
            storeFactLookup(store),
            today,
          );
          const key = ledgerSigningKey({ store: location, create: true });
          const { seal, event } = await sealPeriod(store, key, {
            year: o.period,
            unitId: o.unit,
            actor: principal.actorId,
          });
          await writeFile(o.out, `${JSON.stringify(seal, null, 2)}\n`);
          process.stdout.write(
            `sealed ${seal.period} for ${seal.unitId}: ${seal.treeSize} events up to position ${seal.position}, root ${seal.rootHash}\n` +
              `seal ${seal.sealId} appended at position ${event.position} (stream ${event.streamId}); written to ${o.out}\n` +
              `public key ${seal.publicKey} (${key.source})\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
}
