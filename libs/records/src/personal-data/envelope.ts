import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Identity } from './identity';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A fresh 256-bit data key: one per resident, so deleting it erases that resident alone. */
export const newDataKey = (): Buffer => randomBytes(32);

/**
 * AES-256-GCM over the identity's JSON, bound to the resident id as associated data, so a sealed
 * record moved onto another resident's row does not open. Layout: version byte, IV, tag, text.
 */
export function sealIdentity(identity: Identity, dataKey: Buffer, residentId: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(`resident:${residentId}`, 'utf8'));
  const text = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), text]);
}

/** Opens a sealed identity; throws when the key, the resident or the bytes do not match. */
export function openIdentity(sealed: Buffer, dataKey: Buffer, residentId: string): Identity {
  if (sealed[0] !== VERSION) throw new Error(`unknown personal-data envelope version ${sealed[0]}`);
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, iv);
  decipher.setAAD(Buffer.from(`resident:${residentId}`, 'utf8'));
  decipher.setAuthTag(tag);
  const text = Buffer.concat([
    decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
  return JSON.parse(text.toString('utf8')) as Identity;
}
