import {
  type KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LedgerError, type StoreLocation } from '@libs/ledger';

/**
 * The name every store in a folder once shared. A key is now named after its store, so this file
 * is never picked up: it may be another store's key (see signingKeyPath).
 */
export const SHARED_SIGNING_KEY_FILE = 'ledger-signing-key.pem';
/** `<store file>.signing-key.pem`: one key per store, never shared by two stores in a folder. */
export const SIGNING_KEY_SUFFIX = '.signing-key.pem';

export class SigningKeyError extends LedgerError {
  readonly code = 'SIGNING_KEY';
}

export interface LedgerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64: what a seal carries. */
  publicKeyRaw: string;
  publicKeyPem: string;
  /** The PEM file it came from, or 'memory'. */
  source: string;
}

export interface LedgerKeyOptions {
  store: StoreLocation;
  /** LEDGER_SIGNING_KEY is read from here (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Create the key file when it is missing (the API at start, `seal`); never for checks. */
  create?: boolean;
}

let memoryKey: KeyObject | undefined;

/**
 * Where the ledger keeps its key: LEDGER_SIGNING_KEY, else `<store file>.signing-key.pem` beside
 * the SQLite file, else (EventStoreDB) `data/esdb-<hosts>.signing-key.pem`. Named after the store
 * so two stores in one folder never sign with one key without anyone choosing it.
 */
export function signingKeyPath(
  options: Pick<LedgerKeyOptions, 'store' | 'env'>,
): string | 'memory' {
  const configured = (options.env ?? process.env).LEDGER_SIGNING_KEY?.trim();
  if (configured) return configured;
  if (options.store.kind === 'sqlite')
    return options.store.path === ':memory:'
      ? 'memory'
      : `${options.store.path}${SIGNING_KEY_SUFFIX}`;
  return join('data', `esdb-${esdbHosts(options.store.connectionString)}${SIGNING_KEY_SUFFIX}`);
}

/** `host_port[,host_port]` of a connection string, without scheme, credentials or options. */
function esdbHosts(connectionString: string): string {
  const hosts = connectionString
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?]/)[0];
  return hosts.replace(/[^A-Za-z0-9.,-]/g, '_') || 'default';
}

/**
 * A key file shared by every store in the folder, left by an earlier version: refused, never
 * adopted, since nothing says which store it belongs to.
 */
function assertNoSharedKey(path: string): void {
  const shared = join(dirname(path), SHARED_SIGNING_KEY_FILE);
  if (!path.endsWith(SIGNING_KEY_SUFFIX) || !existsSync(shared)) return;
  throw new SigningKeyError(
    `${shared} is a signing key shared by every store in its folder, and this store's own key ${path} does not exist. ` +
      `If that key signed this store's seals, rename it to ${path} (or set LEDGER_SIGNING_KEY to it); otherwise move it away. ` +
      'A new key is not created beside it, so two stores never share or swap keys unnoticed.',
  );
}

export function ledgerKeyOf(privateKey: KeyObject, source: string): LedgerKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`the signing key in ${source} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyRaw: rawPublicKey(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    source,
  };
}

/**
 * The ledger's Ed25519 signing key: a PKCS#8 PEM file, created with mode 0600 on first need
 * (`create`); for `sqlite::memory:` a key that lives as long as the process. Undefined when
 * there is none and `create` is not set. Only seal and checkpoint writers load it: checks take
 * the key the auditor pinned, never this file.
 */
export function ledgerSigningKey(options: LedgerKeyOptions & { create: true }): LedgerKey;
export function ledgerSigningKey(options: LedgerKeyOptions): LedgerKey | undefined;
export function ledgerSigningKey(options: LedgerKeyOptions): LedgerKey | undefined {
  const path = signingKeyPath(options);
  if (path === 'memory') {
    if (!memoryKey && options.create) memoryKey = generateKeyPairSync('ed25519').privateKey;
    return memoryKey ? ledgerKeyOf(memoryKey, 'memory') : undefined;
  }
  if (!existsSync(path)) {
    if (!options.create) return undefined;
    assertNoSharedKey(path);
    mkdirSync(dirname(path), { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    // 'wx': never overwrite a key another process created meanwhile.
    try {
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  try {
    return ledgerKeyOf(createPrivateKey(readFileSync(path)), path);
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(
      `cannot read the ledger signing key ${path}: ${(error as Error).message}`,
    );
  }
}

export function rawPublicKey(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url').toString('base64');
}

/** A public key given as raw base64 (32 bytes), SPKI base64, or a PEM text. */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  const der = Buffer.from(trimmed, 'base64');
  if (der.length === 32)
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: der.toString('base64url') },
      format: 'jwk',
    });
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}
