import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeyError, ledgerSigningKey, signingKeyPath } from './ledger-key';

describe('the ledger signing key: one per store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = (name: string) => ({ kind: 'sqlite' as const, path: join(dir, name) });

  it('is named after its store file, created with mode 0600 on first need, and then reused', () => {
    const store = sqlite('ledger.sqlite');
    expect(signingKeyPath({ store, env: {} })).toBe(join(dir, 'ledger.sqlite.signing-key.pem'));
    expect(ledgerSigningKey({ store, env: {} })).toBeUndefined();
    const created = ledgerSigningKey({ store, env: {}, create: true });
    expect(created.source).toBe(join(dir, 'ledger.sqlite.signing-key.pem'));
    expect(readFileSync(created.source, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(created.source).mode & 0o777).toBe(0o600);
    expect(ledgerSigningKey({ store, env: {} })!.publicKeyRaw).toBe(created.publicKeyRaw);
  });

  it('gives two stores in one folder two keys', () => {
    const a = ledgerSigningKey({ store: sqlite('a.sqlite'), env: {}, create: true });
    const b = ledgerSigningKey({ store: sqlite('b.sqlite'), env: {}, create: true });
    expect(a.source).not.toBe(b.source);
    expect(a.publicKeyRaw).not.toBe(b.publicKeyRaw);
  });

  it('never adopts a key file shared by the folder’s stores, and says how to claim it', () => {
    const legacy = mkdtempSync(join(tmpdir(), 'ledger-key-legacy-'));
    try {
      writeFileSync(join(legacy, 'ledger-signing-key.pem'), 'whoever’s key', { mode: 0o600 });
      const store = { kind: 'sqlite' as const, path: join(legacy, 'ledger.sqlite') };
      expect(() => ledgerSigningKey({ store, env: {}, create: true })).toThrow(SigningKeyError);
      expect(() => ledgerSigningKey({ store, env: {}, create: true })).toThrow(
        /rename it to .*ledger\.sqlite\.signing-key\.pem/,
      );
      expect(existsSync(join(legacy, 'ledger.sqlite.signing-key.pem'))).toBe(false);
      // A check never creates anything, so it is not refused: it just finds no key of this store.
      expect(ledgerSigningKey({ store, env: {} })).toBeUndefined();
    } finally {
      rmSync(legacy, { recursive: true, force: true });
    }
  });

  it('names an EventStoreDB key after its hosts, without credentials', () => {
    const path = signingKeyPath({
      store: { kind: 'esdb', connectionString: 'esdb://admin:secret@db1:2113,db2:2113?tls=false' },
      env: {},
    });
    expect(path).toBe(join('data', 'esdb-db1_2113,db2_2113.signing-key.pem'));
  });

  it('reads LEDGER_SIGNING_KEY when set, and keeps an in-memory key for sqlite::memory:', () => {
    const path = join(dir, 'configured.pem');
    const configured = ledgerSigningKey({
      store: { kind: 'sqlite', path: ':memory:' },
      env: { LEDGER_SIGNING_KEY: path },
      create: true,
    });
    expect(configured.source).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const memory = ledgerSigningKey({
      store: { kind: 'sqlite', path: ':memory:' },
      env: {},
      create: true,
    });
    expect(memory.source).toBe('memory');
    expect(
      ledgerSigningKey({ store: { kind: 'sqlite', path: ':memory:' }, env: {} })!.publicKeyRaw,
    ).toBe(memory.publicKeyRaw);
  });
});
