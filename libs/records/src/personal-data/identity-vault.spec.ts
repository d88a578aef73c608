import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { syntheticIdNumber } from '../testing/id-numbers';
import { type IdentityVault, openIdentityVault, vaultPaths } from './identity-vault';

describe('the personal-data vault (a real SQLite file beside the store)', () => {
  let dir: string;
  let storePath: string;
  let vault: IdentityVault;
  const idNumber = syntheticIdNumber('1950-04-01', 'female');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'));
    storePath = join(dir, 'ledger.sqlite');
    vault = openIdentityVault({ kind: 'sqlite', path: storePath });
  });
  afterEach(() => {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the vault file and the ledger secret beside the store, readable by the owner only', () => {
    expect(statSync(`${storePath}.vault.sqlite`).mode & 0o777).toBe(0o600);
    expect(statSync(`${storePath}.match-secret`).mode & 0o777).toBe(0o600);
  });

  it('seals each identity: the file holds no name, ID number, phone or address in clear', () => {
    vault.record('r1', { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' }, 5);
    expect(vault.read('r1')).toEqual({
      status: 'present',
      identity: { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' },
    });
    const bytes = readFileSync(`${storePath}.vault.sqlite`);
    for (const clear of ['王秀英', idNumber, '13800000001', '鲸园路1号'])
      expect(bytes.includes(Buffer.from(clear, 'utf8'))).toBe(false);
  });

  it('merges a correction over what it holds; an older write (a repeat) changes nothing', () => {
    vault.record('r1', { name: '王秀英', phone: '13800000001' }, 5);
    vault.record('r1', { phone: '13800000002' }, 9);
    expect(vault.record('r1', { phone: '13800000001' }, 5)).toBe(false);
    expect(vault.read('r1')).toEqual({
      status: 'present',
      identity: { name: '王秀英', phone: '13800000002' },
    });
  });

  it("erasing deletes the resident's key row and record; nothing is written for them again", () => {
    vault.record('r1', { name: '王秀英', idNumber }, 5);
    vault.record('r2', { name: '李建国' }, 6);
    const peek = new Database(`${storePath}.vault.sqlite`, { readonly: true });
    const { data_key: erasedKey } = peek
      .prepare("SELECT data_key FROM resident_keys WHERE resident_id = 'r1'")
      .get() as { data_key: Buffer };
    peek.close();
    expect(vault.erase('r1', '2024-06-01T00:00:00Z')).toBe(true);
    expect(vault.read('r1')).toEqual({ status: 'erased' });
    expect(vault.record('r1', { name: '王秀英' }, 10)).toBe(false);
    expect(vault.read('r2')).toEqual({ status: 'present', identity: { name: '李建国' } });

    const db = new Database(`${storePath}.vault.sqlite`, { readonly: true });
    const keys = db.prepare('SELECT resident_id FROM resident_keys').all();
    db.close();
    expect(keys).toEqual([{ resident_id: 'r2' }]);
    // secure_delete: the key's bytes are overwritten in the file, not left in a free page.
    expect(readFileSync(`${storePath}.vault.sqlite`).includes(erasedKey)).toBe(false);
  });

  it('matches ID numbers by a keyed hash: x and X alike, another secret another hash', () => {
    const other = openIdentityVault({ kind: 'sqlite', path: join(dir, 'other.sqlite') });
    const lower = `${idNumber.slice(0, 17)}${idNumber[17].toLowerCase()}`;
    expect(vault.matchKey(lower)).toBe(vault.matchKey(idNumber));
    expect(vault.matchKey(idNumber)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(other.matchKey(idNumber)).not.toBe(vault.matchKey(idNumber));
    other.close();
  });

  it('keeps the same secret when opened again (hashes in the log stay matchable)', () => {
    const first = vault.matchKey(idNumber);
    vault.close();
    vault = openIdentityVault({ kind: 'sqlite', path: storePath });
    expect(vault.matchKey(idNumber)).toBe(first);
  });

  it('names the vault of an EventStoreDB store after its hosts, never its credentials', () => {
    expect(
      vaultPaths({ kind: 'esdb', connectionString: 'esdb://admin:secret@db1:2113?tls=false' }),
    ).toEqual({
      vault: join('data', 'esdb-db1_2113.vault.sqlite'),
      secret: join('data', 'esdb-db1_2113.match-secret'),
    });
  });
});
