import { generateKeyPairSync } from 'node:crypto';
import { ledgerKeyOf, publicKeyFrom } from './ledger-key';
import { type UnsignedSeal, sealOf, unsignedPart } from './seal';
import { receiptSignatureValid, sealFileOf } from './seal-event-receipt';
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

describe('the seal event receipt', () => {
  const key = ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'test');
  const seal = signSeal(content(), key);
  const event = { streamId: 'seal-2023-hc', position: 43, hash: 'ef'.repeat(32) };

  it('ties the seal to its event by position and hash, signed by the seal’s key', () => {
    const file = sealFileOf(seal, event as never, key);
    expect(file.sealEvent).toMatchObject(event);
    expect(receiptSignatureValid(seal, file.sealEvent!)).toBe(true);
    // The seal inside the file is the seal as signed and as its event carries it.
    expect(sealOf(file)).toEqual(seal);
    expect(unsignedPart(file)).not.toHaveProperty('sealEvent');
    expect(sealSignatureValid(file)).toBe(true);
    // Deterministic: the API can serve the same file again.
    expect(sealFileOf(seal, event as never, key)).toEqual(file);
  });

  it('fails when the position or hash is moved, or the receipt is put on another seal', () => {
    const { sealEvent } = sealFileOf(seal, event as never, key);
    expect(receiptSignatureValid(seal, { ...sealEvent!, position: 44 })).toBe(false);
    expect(receiptSignatureValid(seal, { ...sealEvent!, hash: 'ee'.repeat(32) })).toBe(false);
    const other = signSeal({ ...content(), sealId: '2023-hc-43', position: 43 }, key);
    expect(receiptSignatureValid(other, sealEvent!)).toBe(false);
  });
});
