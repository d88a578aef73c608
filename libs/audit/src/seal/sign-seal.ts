import { sign, verify } from 'node:crypto';
import { canonicalJson } from '@libs/ledger';
import type { LedgerKey } from './ledger-key';
import { publicKeyFrom } from './ledger-key';
import { type Seal, type UnsignedSeal, unsignedPart } from './seal';

/** Signs the canonical JSON of everything but the signature; the seal names the key. */
export function signSeal(content: Omit<UnsignedSeal, 'publicKey'>, key: LedgerKey): Seal {
  const unsigned: UnsignedSeal = { ...content, publicKey: key.publicKeyRaw };
  const signature = sign(
    null,
    Buffer.from(canonicalJson(unsigned), 'utf8'),
    key.privateKey,
  ).toString('base64');
  return { ...unsigned, signature };
}

/** True when the seal's signature is valid for the public key it names. */
export function sealSignatureValid(seal: Seal): boolean {
  try {
    const key = publicKeyFrom(seal.publicKey);
    return verify(
      null,
      Buffer.from(canonicalJson(unsignedPart(seal)), 'utf8'),
      key,
      Buffer.from(seal.signature, 'base64'),
    );
  } catch {
    return false;
  }
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
