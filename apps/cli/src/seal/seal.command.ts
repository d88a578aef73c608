import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { assertMaySeal } from '@libs/access';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import { sealPeriod } from '@libs/audit/seal/seal-period';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { chinaDay, storeFactLookup } from '@libs/records';
import { yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

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
      '\nThe signing key: $LEDGER_SIGNING_KEY (a PKCS#8 PEM file), else <store file>.signing-key.pem next to the SQLite store, created (mode 0600) on first use. ' +
        'Record the printed key fingerprint where the store cannot reach: check-seal --trust compares against it.',
    )
    .action(
      async (o: { period: number; unit?: string; out: string; store?: string; key?: string }) => {
        const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
        const store = await openStoreFrom(o);
        try {
          const principal = await principalFrom(store, o);
          await assertMaySeal(
            principal,
            o.unit,
            storeFactLookup(store),
            chinaDay(systemClock().toISOString()),
          );
          const key = ledgerSigningKey({ store: location, create: true });
          const { seal, event, file } = await sealPeriod(store, key, {
            year: o.period,
            unitId: o.unit,
            actor: principal.actorId,
          });
          // The file carries the seal event's signed receipt: its deletion then shows in check-seal.
          await writeFile(o.out, `${JSON.stringify(file, null, 2)}\n`);
          process.stdout.write(
            `sealed ${seal.period} for ${seal.unitId}: ${seal.treeSize} events up to position ${seal.position}, root ${seal.rootHash}\n` +
              `seal ${seal.sealId} appended at position ${event.position} (stream ${event.streamId}); written to ${o.out}\n` +
              `public key ${seal.publicKey}, fingerprint ${keyFingerprint(key.publicKey)} (${key.source})\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
}
