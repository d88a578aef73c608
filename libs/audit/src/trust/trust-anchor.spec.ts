import { createHash, generateKeyPairSync } from 'node:crypto';
import { ledgerKeyOf } from '../seal/ledger-key';
import { keyFingerprint } from './key-fingerprint';
import {
  TrustAnchorError,
  anchorFromPublicKey,
  judgeKey,
  mergeAnchors,
  parseTrustFile,
} from './trust-anchor';

const newKey = () => ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'test');

describe('key fingerprints', () => {
  const key = newKey();

  it('is sha256 over the raw 32-byte key, the same for raw, SPKI and PEM forms', () => {
    const expected = `sha256:${createHash('sha256').update(Buffer.from(key.publicKeyRaw, 'base64')).digest('hex')}`;
    const spki = (key.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString(
      'base64',
    );
    expect(keyFingerprint(key.publicKeyRaw)).toBe(expected);
    expect(keyFingerprint(key.publicKeyPem)).toBe(expected);
    expect(keyFingerprint(spki)).toBe(expected);
    expect(keyFingerprint(newKey().publicKeyRaw)).not.toBe(expected);
  });
});

describe('trust anchors: keys the auditor pins', () => {
  const ours = newKey();
  const theirs = newKey();
  const pin = keyFingerprint(ours.publicKey);

  it('reads a trust file of fingerprints with labels, blank lines and comments', () => {
    const anchor = parseTrustFile(
      `# Huancui ledger, pinned 2024-01-15\n\n${pin}  huancui 2023 seal\n${keyFingerprint(theirs.publicKey).toUpperCase().replace('SHA256', 'sha256')} # rotated\n`,
      'trust.txt',
    );
    expect(anchor.fingerprints).toEqual([pin, keyFingerprint(theirs.publicKey)]);
    expect(anchor.sources).toEqual(['trust.txt']);
  });

  it('refuses a line that is not a fingerprint, naming the line, rather than skip it', () => {
    expect(() => parseTrustFile(`${pin}\nsha256:abc\n`, 'trust.txt')).toThrow(
      /trust\.txt line 2: expected a key fingerprint/,
    );
    expect(() => parseTrustFile(ours.publicKeyPem, 'trust.txt')).toThrow(TrustAnchorError);
    expect(() => parseTrustFile('# nothing pinned\n', 'trust.txt')).toThrow(/pins no key/);
  });

  it('takes a public key file in PEM or base64, and refuses what is not an Ed25519 key', () => {
    expect(anchorFromPublicKey(ours.publicKeyPem, 'key.pem').fingerprints).toEqual([pin]);
    expect(anchorFromPublicKey(ours.publicKeyRaw, 'key.txt').fingerprints).toEqual([pin]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    expect(() => anchorFromPublicKey(rsa, 'rsa.pem')).toThrow(/not an Ed25519 public key/);
    expect(() => anchorFromPublicKey('hello', 'x')).toThrow(TrustAnchorError);
  });

  it('refuses a private key as --public-key: that is the key file beside the store', () => {
    const pem = ours.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => anchorFromPublicKey(pem, 'ledger.sqlite.signing-key.pem')).toThrow(
      /is a private key — most likely the ledger's own key file beside the store/,
    );
  });

  it('judges a named key: pinned, not pinned, or unanchored with the fingerprint to compare', () => {
    const anchor = anchorFromPublicKey(ours.publicKeyPem, 'key.pem');
    expect(judgeKey(ours.publicKeyRaw, anchor)).toEqual({
      fingerprint: pin,
      anchored: true,
      pinned: true,
      source: 'key.pem',
    });
    expect(judgeKey(theirs.publicKeyRaw, anchor)).toMatchObject({ anchored: true, pinned: false });
    expect(judgeKey(ours.publicKeyRaw, undefined)).toEqual({
      fingerprint: pin,
      anchored: false,
      pinned: false,
      source: null,
    });
    expect(judgeKey('not a key', anchor)).toMatchObject({ fingerprint: null, pinned: false });
  });

  it('merges --public-key and --trust into one set of pins', () => {
    const merged = mergeAnchors([
      anchorFromPublicKey(ours.publicKeyPem, 'key.pem'),
      parseTrustFile(`${keyFingerprint(theirs.publicKey)}\n${pin}\n`, 'trust.txt'),
    ])!;
    expect(merged.sources).toEqual(['key.pem', 'trust.txt']);
    expect(merged.fingerprints).toHaveLength(2);
    expect(mergeAnchors([])).toBeUndefined();
  });
});
