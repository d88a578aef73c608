import { readFileSync } from 'node:fs';
import {
  type TrustAnchor,
  TrustAnchorError,
  anchorFromPublicKey,
  mergeAnchors,
  parseTrustFile,
} from './trust-anchor';

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TrustAnchorError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** The anchor from `--public-key FILE` and/or `--trust FILE`; undefined when neither was given. */
export function loadTrustAnchor(options: {
  publicKey?: string;
  trust?: string;
}): TrustAnchor | undefined {
  const anchors: TrustAnchor[] = [];
  if (options.publicKey)
    anchors.push(anchorFromPublicKey(read(options.publicKey, 'the public key'), options.publicKey));
  if (options.trust)
    anchors.push(parseTrustFile(read(options.trust, 'the trust file'), options.trust));
  return mergeAnchors(anchors);
}
