import { createHash } from 'node:crypto';

/**
 * RFC 6962 §2.1 hashing, the only code the prover and the independent verifier share.
 * Leaf: SHA-256(0x00 ‖ leaf); interior node: SHA-256(0x01 ‖ left ‖ right); the empty tree:
 * SHA-256 of the empty string.
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function emptyTreeHash(): Buffer {
  return createHash('sha256').digest();
}

/** A 32-byte hash written as 64 hex characters (how the ledger writes event hashes). */
export function hexToHash(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new TypeError(`not a 32-byte hex hash: ${hex.slice(0, 70)}`);
  return Buffer.from(hex, 'hex');
}

export function hashToHex(hash: Uint8Array): string {
  return Buffer.from(hash).toString('hex');
}
