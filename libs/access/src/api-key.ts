import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'phl';

export interface ApiKey {
  keyId: string;
  /** The whole credential, shown once: `phl_<keyId>_<secret>`. */
  key: string;
  /** What the ledger stores: SHA-256 of the secret (256 random bits need no slow hash). */
  secretHash: string;
}

const hash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export function generateApiKey(): ApiKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `${PREFIX}_${keyId}_${secret}`, secretHash: hash(secret) };
}

export function parseApiKey(key: string): { keyId: string; secret: string } | undefined {
  const match = /^phl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(key.trim());
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(hash(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
