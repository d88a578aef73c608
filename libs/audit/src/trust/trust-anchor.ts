import { LedgerError } from '@libs/ledger';
import { publicKeyFrom } from '../seal/ledger-key';
import { fingerprintOrNull, keyFingerprint } from './key-fingerprint';

/** A trust file or public key the auditor gave that cannot be used: a usage error (exit 2). */
export class TrustAnchorError extends LedgerError {
  readonly code = 'TRUST_ANCHOR';
}

/**
 * The keys an auditor vouches for, kept by the auditor away from the store: a public key file
 * (`--public-key`) or a trust file of pinned fingerprints (`--trust`). Never a key found beside
 * the store, which whoever holds the store can replace.
 */
export interface TrustAnchor {
  /** Where the pins came from, for the report. */
  sources: string[];
  fingerprints: string[];
}

const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

export function anchorFromPublicKey(text: string, source: string): TrustAnchor {
  // A private key here is almost certainly the key file beside the store: exactly what must not anchor.
  if (/PRIVATE KEY/.test(text))
    throw new TrustAnchorError(
      `${source} is a private key — most likely the ledger's own key file beside the store, which anyone holding the store can replace. Give the public key (or its fingerprint with --trust) that you kept when the period was sealed`,
    );
  try {
    const key = publicKeyFrom(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return { sources: [source], fingerprints: [keyFingerprint(key)] };
  } catch (error) {
    throw new TrustAnchorError(
      `the public key ${source} is not an Ed25519 public key (PEM, or raw/SPKI base64): ${(error as Error).message}`,
    );
  }
}

/**
 * A trust file: one pinned fingerprint a line (`sha256:<64 hex>`), optionally followed by a label;
 * blank lines and `#` comments are ignored. Any other line is refused rather than skipped, so a
 * typo never leaves the auditor with fewer pins than they think.
 */
export function parseTrustFile(text: string, source: string): TrustAnchor {
  const fingerprints: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*/, '').trim();
    if (content === '') return;
    const pin = content.split(/\s+/)[0].toLowerCase();
    if (!FINGERPRINT.test(pin))
      throw new TrustAnchorError(
        `${source} line ${index + 1}: expected a key fingerprint "sha256:<64 hex digits>" (as seal, checkpoint and check-seal print it), found "${content.slice(0, 80)}"`,
      );
    fingerprints.push(pin);
  });
  if (fingerprints.length === 0) throw new TrustAnchorError(`${source} pins no key fingerprint`);
  return { sources: [source], fingerprints };
}

export function mergeAnchors(anchors: TrustAnchor[]): TrustAnchor | undefined {
  if (anchors.length === 0) return undefined;
  return {
    sources: anchors.flatMap((a) => a.sources),
    fingerprints: [...new Set(anchors.flatMap((a) => a.fingerprints))],
  };
}

/** What the auditor's anchor says about the key a seal or checkpoint names. */
export interface KeyTrust {
  /** The named key's fingerprint, to compare by eye when nothing was pinned. */
  fingerprint: string | null;
  /** An anchor was given at all. */
  anchored: boolean;
  /** The named key is one the anchor pins. */
  pinned: boolean;
  source: string | null;
}

export function judgeKey(publicKey: unknown, anchor: TrustAnchor | undefined): KeyTrust {
  const fingerprint = fingerprintOrNull(publicKey);
  return {
    fingerprint,
    anchored: anchor !== undefined,
    pinned:
      anchor !== undefined && fingerprint !== null && anchor.fingerprints.includes(fingerprint),
    source: anchor ? anchor.sources.join(', ') : null,
  };
}
