import type { LedgerKey } from './ledger-key';
import { publicKeyFrom } from './ledger-key';
import { type Seal, type UnsignedSeal, unsignedPart } from './seal';
import { canonicalSignatureValid, signCanonical } from './signed-json';

/** Signs the canonical JSON of everything but the signature; the seal names the key. */
export function signSeal(content: Omit<UnsignedSeal, 'publicKey'>, key: LedgerKey): Seal {
  const unsigned: UnsignedSeal = { ...content, publicKey: key.publicKeyRaw };
  return { ...unsigned, signature: signCanonical(unsigned, key) };
}

/** True when the seal's signature is valid for the public key it names. */
export function sealSignatureValid(seal: Seal): boolean {
  return canonicalSignatureValid(unsignedPart(seal), seal.signature, seal.publicKey);
}

/** Whether two public keys (raw, SPKI base64 or PEM) are the same key. */
export function sameKey(a: string, b: string): boolean {
  try {
    const ka = publicKeyFrom(a).export({ format: 'jwk' });
    const kb = publicKeyFrom(b).export({ format: 'jwk' });
    return ka.x === kb.x && ka.crv === kb.crv;
  } catch {
    return false;
  }
}
