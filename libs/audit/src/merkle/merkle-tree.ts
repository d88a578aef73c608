import { emptyTreeHash, hashToHex, hexToHash, leafHash, nodeHash } from './rfc6962-hash';

/**
 * The prover side of RFC 6962 §2.1: the Merkle Tree Hash (MTH), audit paths (PATH) and
 * consistency proofs (PROOF / SUBPROOF), over leaves given as raw bytes. The ledger's leaves
 * are its events' `hash` values (hex → 32 bytes) in global position order.
 */
export class MerkleTree {
  /** Leaf hashes, computed once. */
  private readonly leaves: Buffer[];

  constructor(leaves: readonly Uint8Array[]) {
    this.leaves = leaves.map((leaf) => leafHash(leaf));
  }

  /** Leaves from the ledger's event hashes (64 hex characters each). */
  static fromEventHashes(hashes: readonly string[]): MerkleTree {
    return new MerkleTree(hashes.map(hexToHash));
  }

  get size(): number {
    return this.leaves.length;
  }

  leafHash(index: number): Buffer {
    if (index < 0 || index >= this.leaves.length)
      throw new RangeError(`leaf ${index} is outside a tree of ${this.leaves.length}`);
    return this.leaves[index];
  }

  /** MTH(D[0:size]): the root of the tree over the first `size` leaves. */
  root(size = this.leaves.length): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyTreeHash() : this.subtreeRoot(0, size);
  }

  rootHex(size = this.leaves.length): string {
    return hashToHex(this.root(size));
  }

  /** PATH(m, D[0:size]): the audit path proving leaf m is in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.leaves.length): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`leaf ${index} is outside a tree of ${size}`);
    return this.path(index, 0, size);
  }

  /** PROOF(m, D[0:size]): proves the tree of `size` leaves extends the one of `first` leaves. */
  consistencyProof(first: number, size = this.leaves.length): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(first) || first < 0 || first > size)
      throw new RangeError(`a tree of ${first} leaves cannot be a prefix of one of ${size}`);
    // RFC 6962 defines the proof for 0 < m ≤ n; the empty tree is a prefix of every tree, with an empty proof.
    if (first === 0 || first === size) return [];
    return this.subproof(first, 0, size, true);
  }

  /** MTH over leaves[start, start + n). */
  private subtreeRoot(start: number, n: number): Buffer {
    if (n === 1) return this.leaves[start];
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.subtreeRoot(start, k), this.subtreeRoot(start + k, n - k));
  }

  /** PATH(m, D[start : start + n]). */
  private path(m: number, start: number, n: number): Buffer[] {
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k
      ? [...this.path(m, start, k), this.subtreeRoot(start + k, n - k)]
      : [...this.path(m - k, start + k, n - k), this.subtreeRoot(start, k)];
  }

  /** SUBPROOF(m, D[start : start + n], b). */
  private subproof(m: number, start: number, n: number, complete: boolean): Buffer[] {
    if (m === n) return complete ? [] : [this.subtreeRoot(start, n)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...this.subproof(m, start, k, complete), this.subtreeRoot(start + k, n - k)]
      : [...this.subproof(m - k, start + k, n - k, false), this.subtreeRoot(start, k)];
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.leaves.length) {
      throw new RangeError(`tree size ${size} is outside 0..${this.leaves.length}`);
    }
  }
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
