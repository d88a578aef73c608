import { emptyTreeHash, hashToHex, hexToHash, leafHash, nodeHash } from './rfc6962-hash';

const HASH = 32;

/**
 * The prover side of RFC 6962 §2.1: the Merkle Tree Hash (MTH), audit paths (PATH) and
 * consistency proofs (PROOF / SUBPROOF), over leaves given as raw bytes. The ledger's leaves
 * are its events' `hash` values (hex → 32 bytes) in global position order.
 *
 * The roots of the aligned perfect subtrees (sizes 1, 2, 4, … starting at a multiple of their
 * size) are computed once and kept level by level in contiguous buffers: every split RFC 6962
 * makes has a perfect left part, so any root, path or proof then costs O(log n) hashes. This is
 * what lets `verify --witness` check hundreds of checkpoints against one log without re-hashing
 * the whole tree for each.
 */
export class MerkleTree {
  /** levels[h] holds the roots of the aligned subtrees of 2^h leaves, 32 bytes each. */
  private readonly levels: Buffer[];
  private readonly count: number;
  private built = false;

  constructor(leaves: readonly Uint8Array[]) {
    this.count = leaves.length;
    const bottom = Buffer.allocUnsafe(leaves.length * HASH);
    leaves.forEach((leaf, i) => leafHash(leaf).copy(bottom, i * HASH));
    this.levels = [bottom];
  }

  /** Leaves from the ledger's event hashes (64 hex characters each). */
  static fromEventHashes(hashes: readonly string[]): MerkleTree {
    return new MerkleTree(hashes.map(hexToHash));
  }

  get size(): number {
    return this.count;
  }

  leafHash(index: number): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= this.count)
      throw new RangeError(`leaf ${index} is outside a tree of ${this.count}`);
    return this.node(0, index);
  }

  /** MTH(D[0:size]): the root of the tree over the first `size` leaves. */
  root(size = this.count): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyTreeHash() : this.subtreeRoot(0, size);
  }

  rootHex(size = this.count): string {
    return hashToHex(this.root(size));
  }

  /** PATH(m, D[0:size]): the audit path proving leaf m is in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.count): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`leaf ${index} is outside a tree of ${size}`);
    return this.path(index, 0, size);
  }

  /** PROOF(m, D[0:size]): proves the tree of `size` leaves extends the one of `first` leaves. */
  consistencyProof(first: number, size = this.count): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(first) || first < 0 || first > size)
      throw new RangeError(`a tree of ${first} leaves cannot be a prefix of one of ${size}`);
    // RFC 6962 defines the proof for 0 < m ≤ n; the empty tree is a prefix of every tree, with an empty proof.
    if (first === 0 || first === size) return [];
    return this.subproof(first, 0, size, true);
  }

  /** The root of the aligned perfect subtree number `index` on level `height`. */
  private node(height: number, index: number): Buffer {
    const level = this.levels[height];
    return level.subarray(index * HASH, (index + 1) * HASH);
  }

  /** Hashes every level above the leaves, once. */
  private buildLevels(): void {
    if (this.built) return;
    this.built = true;
    for (let below = this.levels[0]; below.length >= 2 * HASH;) {
      const pairs = Math.floor(below.length / (2 * HASH));
      const level = Buffer.allocUnsafe(pairs * HASH);
      for (let i = 0; i < pairs; i += 1) {
        const left = below.subarray(2 * i * HASH, (2 * i + 1) * HASH);
        const right = below.subarray((2 * i + 1) * HASH, (2 * i + 2) * HASH);
        nodeHash(left, right).copy(level, i * HASH);
      }
      this.levels.push(level);
      below = level;
    }
  }

  /** MTH over leaves[start, start + n). */
  private subtreeRoot(start: number, n: number): Buffer {
    if ((n & (n - 1)) === 0 && start % n === 0) {
      if (n > 1) this.buildLevels();
      return this.node(Math.log2(n), start / n);
    }
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
    if (!Number.isInteger(size) || size < 0 || size > this.count) {
      throw new RangeError(`tree size ${size} is outside 0..${this.count}`);
    }
  }
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
