import { Command } from 'commander';
import { checkWitness } from '@libs/audit/checkpoint/check-witness';
import { readWitnessFolder } from '@libs/audit/checkpoint/witness-folder';
import { AUDIT_EXIT } from '@libs/audit/trust/audit-exit-codes';
import { loadTrustAnchor } from '@libs/audit/trust/load-trust-anchor';
import { TrustAnchorError } from '@libs/audit/trust/trust-anchor';
import { verifyLog, type LogChainReader, type EventStore } from '@libs/ledger';
import { TRUST_HELP, withTrustOptions } from '../check-seal/trust-options';
import { openStoreFrom, withStoreOption } from '../store-option';
import { renderWalk, renderWitness } from './render-verify';

export const EXIT_TAMPERED = AUDIT_EXIT.tampered;

const EXIT_HELP = `
Exit codes:
  0  intact (and, with --witness, today's log extends every checkpoint, each signed by a pinned key)
  2  usage error: unreadable witness folder, checkpoint, key or trust file, or the store could not be opened
  3  tampering: a hash or chain does not recompute, or today's log does not extend a checkpoint (tail removed, events rewritten)
  4  a checkpoint's signature is invalid, or it names a key you did not pin
  5  --witness without --public-key or --trust: the checkpoints' key fingerprints are printed to compare
${TRUST_HELP}`;

interface VerifyOptions {
  store?: string;
  json?: boolean;
  witness?: string;
  publicKey?: string;
  trust?: string;
}

export function verifyCommand(): Command {
  return (
    withTrustOptions(withStoreOption(new Command('verify')))
      .description(
        'walk the whole log, recompute every hash and chain; with --witness, prove by RFC 6962 consistency proofs that the log extends every signed checkpoint',
      )
      .option(
        '--witness <dir>',
        "a witness folder of checkpoints (ledger checkpoint --out DIR, or the API's LEDGER_CHECKPOINT_DIR), kept away from the store",
      )
      .option('--json', 'print the report as JSON')
      .addHelpText('after', EXIT_HELP)
      // Usage errors exit 2, as in the table, not commander's 1.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : AUDIT_EXIT.usage))
      .action(async (options: VerifyOptions) => {
        if (!options.witness && (options.publicKey || options.trust))
          throw new TrustAnchorError(
            '--public-key and --trust pin the key of checkpoints: give --witness DIR too',
          );
        const anchor = options.witness ? loadTrustAnchor(options) : undefined;
        const witnessed = options.witness ? readWitnessFolder(options.witness) : undefined;
        const store = await openStoreFrom(options);
        try {
          const walk = await verifyLog(store as EventStore & Partial<LogChainReader>);
          const witness = witnessed ? await checkWitness(store, witnessed, anchor) : undefined;
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify(witness ? { ...walk, witness } : walk, null, 2)}\n`,
            );
          } else {
            process.stdout.write(renderWalk(walk) + (witness ? renderWitness(witness) : ''));
          }
          // The order of AUDIT_EXIT: a bad or unpinned checkpoint, then the log's own hashes (no
          // key needed), then no anchor, then what only the checkpoints show.
          process.exitCode = witness?.untrusted
            ? AUDIT_EXIT.untrusted
            : !walk.intact
              ? AUDIT_EXIT.tampered
              : witness && !witness.anchored
                ? AUDIT_EXIT.unanchored
                : witness?.tampered
                  ? AUDIT_EXIT.tampered
                  : AUDIT_EXIT.intact;
        } finally {
          await store.close();
        }
      })
  );
}
