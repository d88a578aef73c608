import { emptyTreeHash, hashToHex, hexToHash, leafHash, nodeHash } from './rfc6962-hash';

/**
 * The RFC 6962 root of a growing log in O(log n) memory: the roots of the perfect subtrees that
 * the binary digits of the size make up, largest first (Certificate Transparency's "compact
 * range"). A checkpoint writer reads each event once, however long the log has run, instead of
 * holding every leaf; the root equals MerkleTree's for the same leaves.
 */
export class MerkleFrontier {
  private readonly peaks: { size: number; hash: Buffer }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds one leaf given as raw bytes. */
  append(leaf: Uint8Array): void {
    let peak = { size: 1, hash: leafHash(leaf) };
    // Two peaks of one size become their parent, as a binary counter carries.
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].size === peak.size) {
      const left = this.peaks.pop()!;
      peak = { size: left.size * 2, hash: nodeHash(left.hash, peak.hash) };
    }
    this.peaks.push(peak);
    this.count += 1;
  }

  /** Adds one leaf given as an event hash (64 hex characters). */
  appendEventHash(hex: string): void {
    this.append(hexToHash(hex));
  }

  /** MTH of every leaf added so far: the peaks folded from the right. */
  root(): Buffer {
    if (this.peaks.length === 0) return emptyTreeHash();
    let root = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) root = nodeHash(this.peaks[i].hash, root);
    return root;
  }

  rootHex(): string {
    return hashToHex(this.root());
  }
}
