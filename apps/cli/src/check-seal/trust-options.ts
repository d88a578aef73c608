import type { Command } from 'commander';

/** The auditor's own anchor, for check-seal and verify --witness alike. */
export function withTrustOptions(command: Command): Command {
  return command
    .option(
      '--public-key <file>',
      'the ledger public key you keep (PEM, or raw/SPKI base64): seals and checkpoints must be signed by it',
    )
    .option(
      '--trust <file>',
      'a trust file you keep: one pinned key fingerprint a line ("sha256:<64 hex>", as seal and checkpoint print it), # comments',
    );
}

export const TRUST_HELP = `
Trust: a key found beside the store is never used, since whoever can change the store can replace
it and sign again. Pin the key yourself with --public-key or --trust; without either the result is
unanchored (exit 5) and the fingerprint of the key the file names is printed for you to compare.
`;
