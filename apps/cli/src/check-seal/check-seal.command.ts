import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  CHECK_SEAL_EXIT,
  SealFormatError,
  checkSeal,
  parseSeal,
} from '@libs/audit/check-seal/check-seal';
import { renderCheckSealText } from '@libs/audit/check-seal/render-check-seal';
import { loadTrustAnchor } from '@libs/audit/trust/load-trust-anchor';
import type { EventStore, LogChainReader } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';
import { TRUST_HELP, withTrustOptions } from './trust-options';

const EXIT_HELP = `
Exit codes:
  0  intact: signature valid and signed by a key you pinned, the seal event in place, figures reproduced, today's log extends the sealed one
  1  intact, but records of the sealed year (services, targets, funds) were added after the seal (late records, listed apart)
  2  usage error: unreadable seal, key or trust file, or the store could not be opened
  3  tampering: a hash does not recompute, today's log does not extend the sealed one, the seal's own event is gone or changed, or the figures differ
  4  untrusted: the seal's signature (or its event receipt's) is invalid, or the key it names is not one you pinned
  5  unanchored: no --public-key or --trust given; the other checks ran and are listed, the key's fingerprint is printed to compare
${TRUST_HELP}`;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SealFormatError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

export function checkSealCommand(): Command {
  return (
    withTrustOptions(withStoreOption(new Command('check-seal')))
      .description(
        "check a seal file against today's log: signature and pinned key, the seal's own event, figures at the sealed position, a consistency proof, late records apart from tampering",
      )
      .argument('<sealFile>', 'a seal written by `seal --out`')
      .option('--json', 'print the report as JSON')
      .addHelpText('after', EXIT_HELP)
      // Exit 1 means "late records" here, so a usage error exits 2 like a store error.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : CHECK_SEAL_EXIT.usage))
      .action(
        async (
          sealFile: string,
          o: { store?: string; publicKey?: string; trust?: string; json?: boolean },
        ) => {
          const seal = parseSeal(await readText(sealFile, 'the seal file'));
          const anchor = loadTrustAnchor(o);
          const store = await openStoreFrom(o);
          try {
            const report = await checkSeal(store as EventStore & Partial<LogChainReader>, seal, {
              anchor,
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
