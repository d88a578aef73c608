import { sign, verify } from 'node:crypto';
import { canonicalJson } from '@libs/ledger';
import type { LedgerKey } from './ledger-key';
import { publicKeyFrom } from './ledger-key';

/**
 * Ed25519 over RFC 8785 canonical JSON: how seals, their event receipts and checkpoints are
 * signed, so a file's key order or number formatting never changes what was signed.
 */
export function signCanonical(content: unknown, key: LedgerKey): string {
  return sign(null, Buffer.from(canonicalJson(content), 'utf8'), key.privateKey).toString('base64');
}

/** True when `signature` is valid over `content` for `publicKey` (raw, SPKI base64 or PEM). */
export function canonicalSignatureValid(
  content: unknown,
  signature: unknown,
  publicKey: unknown,
): boolean {
  if (typeof signature !== 'string' || typeof publicKey !== 'string') return false;
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(content), 'utf8'),
      publicKeyFrom(publicKey),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
