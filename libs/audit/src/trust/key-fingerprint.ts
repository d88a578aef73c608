import { type KeyObject, createHash } from 'node:crypto';
import { publicKeyFrom, rawPublicKey } from '../seal/ledger-key';

/**
 * `sha256:<hex>` over the raw 32-byte Ed25519 public key: short enough to read aloud or print,
 * and the same whether the key was given raw, as SPKI or as PEM.
 */
export function keyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? publicKeyFrom(publicKey) : publicKey;
  const raw = Buffer.from(rawPublicKey(key), 'base64');
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** The fingerprint, or null when the text is not a usable Ed25519 public key. */
export function fingerprintOrNull(publicKey: unknown): string | null {
  if (typeof publicKey !== 'string') return null;
  try {
    const key = publicKeyFrom(publicKey);
    return key.asymmetricKeyType === 'ed25519' ? keyFingerprint(key) : null;
  } catch {
    return null;
  }
}
