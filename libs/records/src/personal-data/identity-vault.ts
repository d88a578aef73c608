import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type StoreLocation, canonicalJson, openVaultStorage } from '@libs/ledger';
import { newDataKey, openIdentity, sealIdentity } from './envelope';
import type { Identity } from './identity';
import { normaliseIdNumber } from './id-number';

/** What the vault needs of its file (the SQLite adapter in libs/ledger implements it). */
export interface VaultStorage {
  dataKey(residentId: string): Buffer | undefined;
  isErased(residentId: string): boolean;
  envelope(residentId: string): { sealed: Buffer; position: number } | undefined;
  put(
    residentId: string,
    newKey: Buffer,
    seal: (key: Buffer) => { sealed: Buffer; position: number; matchKey?: string },
  ): boolean;
  holdersOf(matchKey: string): string[];
  erase(residentId: string, erasedAt: string): boolean;
  residentIds(): string[];
  close(): void;
}

/** What a read of the vault finds for a resident. */
export type VaultRead =
  { status: 'present'; identity: Identity } | { status: 'erased' } | { status: 'absent' };

/**
 * The personal-data vault beside the log: each resident's identity sealed with that resident's
 * own data key (docs/decisions/0021). Erasing deletes the key, which makes every copy of the
 * sealed record (backups included) unreadable, while the log and its hashes stay as they were.
 * The ledger secret keys the hash events carry for matching ID numbers: without it a hash of a
 * low-entropy ID number could be reversed by trying every birth date and sequence.
 */
export class IdentityVault {
  constructor(
    private readonly storage: VaultStorage,
    private readonly secret: Buffer,
  ) {}

  /** `hmac-sha256:<hex>` of the normalised ID number: what an event may carry for matching. */
  matchKey(idNumber: string): string {
    return `hmac-sha256:${this.hmac(`id-number:${normaliseIdNumber(idNumber)}`)}`;
  }

  /** A keyed digest of an identity, standing in for it in a command's fingerprint. */
  digest(identity: Identity): string {
    return `hmac-sha256:${this.hmac(`identity:${canonicalJson(normalised(identity))}`)}`;
  }

  /**
   * Writes a resident's identity as of the log position `position`: `changes` over what the
   * vault holds. A write older than the one kept (a repeat of an earlier command) changes
   * nothing, and nothing is written for an erased resident. Returns whether it wrote.
   */
  record(residentId: string, changes: Identity, position: number): boolean {
    const kept = this.storage.envelope(residentId);
    if (kept && kept.position >= position) return false;
    return this.storage.put(residentId, newDataKey(), (key) => {
      const before = kept ? openIdentity(kept.sealed, key, residentId) : {};
      const merged = { ...before, ...normalised(changes) };
      return {
        sealed: sealIdentity(merged, key, residentId),
        position,
        ...(merged.idNumber !== undefined ? { matchKey: this.matchKey(merged.idNumber) } : {}),
      };
    });
  }

  read(residentId: string): VaultRead {
    if (this.storage.isErased(residentId)) return { status: 'erased' };
    const kept = this.storage.envelope(residentId);
    const key = this.storage.dataKey(residentId);
    if (!kept || !key) return { status: 'absent' };
    return { status: 'present', identity: openIdentity(kept.sealed, key, residentId) };
  }

  /** Deletes the resident's data key and sealed record: the data is unreadable from now on. */
  erase(residentId: string, erasedAt: string): boolean {
    return this.storage.erase(residentId, erasedAt);
  }

  residentIds(): string[] {
    return this.storage.residentIds();
  }

  /** The residents (not erased) whose ID number has this keyed hash. */
  holdersOf(matchKey: string): string[] {
    return this.storage.holdersOf(matchKey);
  }

  close(): void {
    this.storage.close();
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.secret).update(text, 'utf8').digest('hex');
  }
}

/** The given fields only (a validated request may hold absent ones as undefined), normalised. */
function normalised(identity: Identity): Identity {
  const given = Object.fromEntries(
    Object.entries(identity).filter(([, value]) => value !== undefined),
  ) as Identity;
  return given.idNumber === undefined
    ? given
    : { ...given, idNumber: normaliseIdNumber(given.idNumber) };
}

/** `<store file>.vault.sqlite`: the vault of one store, next to it. */
export const VAULT_SUFFIX = '.vault.sqlite';
/** `<store file>.match-secret`: the ledger secret that keys ID-number hashes. */
export const MATCH_SECRET_SUFFIX = '.match-secret';

/** Where a store's vault and secret live; 'memory' for an in-memory store. */
export function vaultPaths(store: StoreLocation): { vault: string; secret: string } | 'memory' {
  if (store.kind === 'sqlite') {
    if (store.path === ':memory:') return 'memory';
    return { vault: `${store.path}${VAULT_SUFFIX}`, secret: `${store.path}${MATCH_SECRET_SUFFIX}` };
  }
  // Named after the hosts only, as the signing key is: never the credentials or options.
  const hosts = store.connectionString
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?]/)[0]
    .replace(/[^A-Za-z0-9.,-]/g, '_');
  const base = join('data', `esdb-${hosts || 'default'}`);
  return { vault: `${base}${VAULT_SUFFIX}`, secret: `${base}${MATCH_SECRET_SUFFIX}` };
}

/**
 * The ledger secret: 32 random bytes (hex), created 0600 on first use, as the signing key is.
 * Losing it makes the hashes in the log unmatchable with new numbers: it belongs in the backup
 * of the store.
 */
export function matchSecret(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      // 'wx': never overwrite a secret another process created meanwhile.
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (secret.length < 32) throw new Error(`the ledger secret in ${path} is shorter than 32 bytes`);
  return secret;
}

/** Opens the vault of a store (creating its file and secret on first use). */
export function openIdentityVault(store: StoreLocation): IdentityVault {
  const paths = vaultPaths(store);
  if (paths === 'memory') return new IdentityVault(openVaultStorage(':memory:'), randomBytes(32));
  return new IdentityVault(openVaultStorage(paths.vault), matchSecret(paths.secret));
}
