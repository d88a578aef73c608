import { LedgerError } from '@libs/ledger';
import type { LedgerKey } from '../seal/ledger-key';
import { canonicalSignatureValid, signCanonical } from '../seal/signed-json';

export const CHECKPOINT_KIND = 'ledger-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** A file in a witness folder that is not a checkpoint: a usage error (exit 2), not tampering. */
export class CheckpointFormatError extends LedgerError {
  readonly code = 'CHECKPOINT_FORMAT';
}

/**
 * A signed tree head, as Certificate Transparency logs publish them: the log's size and RFC 6962
 * root at a moment, signed by the ledger's key. Kept by a witness away from the store, it lets
 * `verify --witness` prove that today's log still begins with exactly those events — so a tail
 * cut off, or events rewritten after the last seal with every hash recomputed, shows.
 */
export interface UnsignedCheckpoint {
  kind: typeof CHECKPOINT_KIND;
  version: typeof CHECKPOINT_VERSION;
  /** Global position of the last event covered (0 for an empty log). */
  position: number;
  /** Number of events covered: the tree's leaves. */
  treeSize: number;
  /** RFC 6962 Merkle Tree Hash over the events' hashes in global order, hex. */
  rootHash: string;
  /** When the checkpoint was taken (ledger clock), ISO 8601. */
  time: string;
  /** The ledger's Ed25519 public key, raw 32 bytes in base64. */
  publicKey: string;
}

export interface Checkpoint extends UnsignedCheckpoint {
  /** Ed25519 over the canonical JSON (RFC 8785) of every other field, base64. */
  signature: string;
}

export function signCheckpoint(
  content: Omit<UnsignedCheckpoint, 'kind' | 'version' | 'publicKey'>,
  key: LedgerKey,
): Checkpoint {
  const unsigned: UnsignedCheckpoint = {
    kind: CHECKPOINT_KIND,
    version: CHECKPOINT_VERSION,
    ...content,
    publicKey: key.publicKeyRaw,
  };
  return { ...unsigned, signature: signCanonical(unsigned, key) };
}

export function checkpointSignatureValid(checkpoint: Checkpoint): boolean {
  const { signature, ...unsigned } = checkpoint;
  return canonicalSignatureValid(unsigned, signature, checkpoint.publicKey);
}

/** Parses a checkpoint file, refusing anything that is not one (named by `source`). */
export function parseCheckpoint(text: string, source: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckpointFormatError(`${source} is not JSON: ${(error as Error).message}`);
  }
  const c = value as Partial<Checkpoint> | null;
  if (c?.kind !== CHECKPOINT_KIND)
    throw new CheckpointFormatError(
      `${source} is not a ledger checkpoint (kind "${CHECKPOINT_KIND}")`,
    );
  const wellFormed =
    c.version === CHECKPOINT_VERSION &&
    Number.isSafeInteger(c.position) &&
    (c.position as number) >= 0 &&
    Number.isSafeInteger(c.treeSize) &&
    (c.treeSize as number) >= 0 &&
    /^[0-9a-f]{64}$/.test(String(c.rootHash)) &&
    typeof c.time === 'string' &&
    typeof c.publicKey === 'string' &&
    typeof c.signature === 'string';
  if (!wellFormed)
    throw new CheckpointFormatError(
      `${source} has a missing or malformed version, position, treeSize, rootHash, time, publicKey or signature`,
    );
  return c as Checkpoint;
}
