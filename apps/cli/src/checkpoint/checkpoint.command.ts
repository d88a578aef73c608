import { Command } from 'commander';
import { takeCheckpoint } from '@libs/audit/checkpoint/take-checkpoint';
import { writeCheckpointFile } from '@libs/audit/checkpoint/witness-folder';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { parseStoreLocation } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';

export function checkpointCommand(): Command {
  return withStoreOption(new Command('checkpoint'))
    .description(
      "write a signed checkpoint of the log (position, RFC 6962 Merkle root, time, Ed25519 signature) into a witness folder; `verify --witness DIR` later proves today's log extends it",
    )
    .requiredOption(
      '--out <dir>',
      'the witness folder (created if missing); keep it, or a copy, where whoever holds the store cannot write',
    )
    .addHelpText(
      'after',
      '\nSigned with the ledger key ($LEDGER_SIGNING_KEY, else <store file>.signing-key.pem, created 0600 on first use). Pin its fingerprint in your trust file.',
    )
    .action(async (o: { out: string; store?: string }) => {
      const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
      const store = await openStoreFrom(o);
      try {
        const key = ledgerSigningKey({ store: location, create: true });
        const checkpoint = await takeCheckpoint(store, key);
        const file = writeCheckpointFile(o.out, checkpoint);
        process.stdout.write(
          `checkpoint: ${checkpoint.treeSize} events up to position ${checkpoint.position}, root ${checkpoint.rootHash}, at ${checkpoint.time}\n` +
            `written to ${file}\n` +
            `key ${keyFingerprint(key.publicKey)} (${key.source})\n`,
        );
      } finally {
        await store.close();
      }
    });
}
