import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerKeyOf, ledgerSigningKey, publicKeyFrom, signingKeyPath } from './ledger-key';
import type { UnsignedSeal } from './seal';
import { sameKey, sealSignatureValid, signSeal } from './sign-seal';

const content = (): Omit<UnsignedSeal, 'publicKey'> => ({
  version: 1,
  sealId: '2023-hc-42',
  period: 2023,
  unitId: 'hc',
  catalog: { id: 'huancui', version: 1 },
  figures: [
    {
      unitId: 'hc',
      unitName: '合计 环翠区',
      total: true,
      cells: {
        elderly: { numerator: 2, denominator: 4, rate: 0.5, target: 0.64, status: 'behind' },
      },
    },
  ],
  position: 42,
  treeSize: 42,
  rootHash: 'ab'.repeat(32),
  sealedAt: '2024-01-15T02:00:00.000Z',
  sealedBy: 'operator',
});

describe('seal signatures (Ed25519 over canonical JSON)', () => {
  const key = ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'test');

  it('verifies a seal it signed, whatever the key order of the file', () => {
    const seal = signSeal(content(), key);
    expect(seal.publicKey).toBe(key.publicKeyRaw);
    expect(Buffer.from(seal.publicKey, 'base64')).toHaveLength(32);
    expect(sealSignatureValid(seal)).toBe(true);
    const reordered = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(seal).reverse())),
    );
    expect(sealSignatureValid(reordered)).toBe(true);
  });

  it('rejects a seal whose figures, root or signature were changed', () => {
    const seal = signSeal(content(), key);
    const figures = JSON.parse(JSON.stringify(seal));
    figures.figures[0].cells.elderly.numerator = 3;
    expect(sealSignatureValid(figures)).toBe(false);
    expect(sealSignatureValid({ ...seal, rootHash: 'cd'.repeat(32) })).toBe(false);
    expect(sealSignatureValid({ ...seal, signature: 'AAAA' })).toBe(false);
    expect(sealSignatureValid({ ...seal, publicKey: 'not a key' })).toBe(false);
  });

  it('a seal re-signed with another key is valid for that key but not the ledger’s', () => {
    const other = ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'other');
    const resigned = signSeal(content(), other);
    expect(sealSignatureValid(resigned)).toBe(true);
    expect(sameKey(resigned.publicKey, key.publicKeyRaw)).toBe(false);
    expect(sameKey(key.publicKeyPem, key.publicKeyRaw)).toBe(true);
    const spki = (key.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString(
      'base64',
    );
    expect(sameKey(spki, key.publicKeyRaw)).toBe(true);
    expect(publicKeyFrom(key.publicKeyRaw).asymmetricKeyType).toBe('ed25519');
  });
});

describe('the ledger signing key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lives next to the SQLite file, is created with mode 0600 on first need, and then reused', () => {
    const store = { kind: 'sqlite' as const, path: join(dir, 'ledger.sqlite') };
    expect(signingKeyPath({ store, env: {} })).toBe(join(dir, 'ledger-signing-key.pem'));
    expect(ledgerSigningKey({ store, env: {} })).toBeUndefined();
    const created = ledgerSigningKey({ store, env: {}, create: true });
    expect(readFileSync(created.source, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(created.source).mode & 0o777).toBe(0o600);
    expect(ledgerSigningKey({ store, env: {} })!.publicKeyRaw).toBe(created.publicKeyRaw);
  });

  it('reads LEDGER_SIGNING_KEY when set, and keeps an in-memory key for sqlite::memory:', () => {
    const path = join(dir, 'configured.pem');
    const configured = ledgerSigningKey({
      store: { kind: 'sqlite', path: ':memory:' },
      env: { LEDGER_SIGNING_KEY: path },
      create: true,
    });
    expect(configured.source).toBe(path);
    expect(existsSync(path)).toBe(true);
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
