/**
 * Exit codes of `check-seal` and `verify` (with or without `--witness`), one table for both so
 * a script reads them the same way. When several apply, the first of 2, 4, 3 (the log's own
 * hashes), 5, 3 (what only a seal or checkpoint shows), 1, 0 wins: without a pinned key a seal
 * or checkpoint proves nothing either way, but a log whose own hashes do not recompute needs no
 * key to be called tampered.
 */
export const AUDIT_EXIT = {
  intact: 0,
  /** check-seal only: intact, but records of the sealed year were added after the seal. */
  lateRecords: 1,
  /** Could not run: bad arguments, an unreadable seal, checkpoint, key or trust file, no store. */
  usage: 2,
  tampered: 3,
  /** A signature does not verify, or the key it names is not one the auditor pinned. */
  untrusted: 4,
  /** No key was pinned (`--public-key` / `--trust`): the fingerprint is printed to compare. */
  unanchored: 5,
} as const;

export type AuditExitCode = (typeof AUDIT_EXIT)[keyof typeof AUDIT_EXIT];
