import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  CHECK_SEAL_EXIT,
  SealFormatError,
  checkSeal,
  parseSeal,
  renderCheckSealText,
} from '@libs/audit/check-seal/check-seal';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import { type EventStore, type LogChainReader, parseStoreLocation } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';

const EXIT_HELP = `
Exit codes:
  0  intact: signature and key trusted, figures reproduced, today's log extends the sealed one, no late records
  1  intact, but records for the sealed year were added after the seal (late records, listed apart)
  2  usage error, unreadable seal file, or the store could not be opened
  3  tampering: today's log does not extend the sealed one, a hash does not recompute, or the figures differ
  4  the seal's signature is invalid, or it was signed by a key that is not the ledger's (or --public-key)
`;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SealFormatError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

export function checkSealCommand(): Command {
  return (
    withStoreOption(new Command('check-seal'))
      .description(
        "check a seal file against today's log: signature and key, figures at the sealed position, a consistency proof, late records apart from tampering",
      )
      .argument('<sealFile>', 'a seal written by `seal --out`')
      .option(
        '--public-key <file>',
        "the key the seal must be signed by (PEM, or raw/SPKI base64); default: the ledger's own signing key",
      )
      .option('--json', 'print the report as JSON')
      .addHelpText('after', EXIT_HELP)
      // Exit 1 means "late records" here, so a usage error exits 2 like a store error.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : CHECK_SEAL_EXIT.usage))
      .action(
        async (sealFile: string, o: { store?: string; publicKey?: string; json?: boolean }) => {
          const seal = parseSeal(await readText(sealFile, 'the seal file'));
          const trustedPublicKey = o.publicKey
            ? { key: await readText(o.publicKey, 'the public key'), source: o.publicKey }
            : (() => {
                const key = ledgerSigningKey({
                  store: parseStoreLocation(o.store ?? process.env.LEDGER_STORE),
                });
                return key
                  ? { key: key.publicKeyRaw, source: `ledger key ${key.source}` }
                  : undefined;
              })();
          const store = await openStoreFrom(o);
          try {
            const report = await checkSeal(store as EventStore & Partial<LogChainReader>, seal, {
              trustedPublicKey,
            });
            process.stdout.write(
              o.json ? `${JSON.stringify(report, null, 2)}\n` : renderCheckSealText(report),
            );
            process.exitCode = report.exitCode;
          } finally {
            await store.close();
          }
        },
      )
  );
}
