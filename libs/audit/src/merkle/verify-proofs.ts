/**
 * An independent checker of the ledger's Merkle proofs (RFC 9162 §2.1.3.2 and §2.1.4.2, the
 * iterative algorithms, not the prover's recursion). It shares nothing with the prover but the
 * RFC 6962 hashing primitives, and takes only public inputs: hex hashes and sizes.
 */
import { leafHash, nodeHash } from './rfc6962-hash';

export interface InclusionProofInput {
  /** The event's `hash` (hex): the leaf's data. Or give leafHash directly. */
  leaf?: string;
  /** RFC 6962 leaf hash (hex), when the leaf data is not at hand. */
  leafHash?: string;
  leafIndex: number;
  treeSize: number;
  path: string[];
  /** The root the proof must reach: a seal's rootHash. */
  rootHash: string;
}

export interface ConsistencyProofInput {
  firstSize: number;
  secondSize: number;
  firstRoot: string;
  secondRoot: string;
  proof: string[];
}

export interface Verdict {
  valid: boolean;
  reason?: string;
}

const HEX32 = /^[0-9a-f]{64}$/i;
const bytes = (hex: string): Buffer => Buffer.from(hex, 'hex');
const same = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const isSize = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const fail = (reason: string): Verdict => ({ valid: false, reason });

export function verifyInclusion(input: InclusionProofInput): Verdict {
  const { leafIndex, treeSize, path, rootHash } = input;
  if (!isSize(leafIndex) || !isSize(treeSize)) return fail('sizes must be whole numbers');
  if (leafIndex >= treeSize)
    return fail(`leaf index ${leafIndex} is not inside a tree of ${treeSize}`);
  if (![...path, rootHash].every((h) => typeof h === 'string' && HEX32.test(h)))
    return fail('every hash must be 64 hex characters');
  let r: Buffer;
  if (input.leaf !== undefined) {
    if (!HEX32.test(input.leaf)) return fail('the leaf must be 64 hex characters');
    r = leafHash(bytes(input.leaf));
    if (input.leafHash !== undefined && input.leafHash.toLowerCase() !== r.toString('hex'))
      return fail('the leaf hash does not match the leaf');
  } else if (input.leafHash !== undefined && HEX32.test(input.leafHash)) {
    r = bytes(input.leafHash);
  } else {
    return fail('give the leaf or its leaf hash');
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  for (const p of path.map(bytes)) {
    if (sn === 0) return fail('the path is longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('the path is shorter than the tree is deep');
  return same(r, bytes(rootHash)) ? { valid: true } : fail('the path does not lead to the root');
}

export function verifyConsistency(input: ConsistencyProofInput): Verdict {
  const { firstSize, secondSize, firstRoot, secondRoot, proof } = input;
  if (!isSize(firstSize) || !isSize(secondSize)) return fail('sizes must be whole numbers');
  if (![...proof, firstRoot, secondRoot].every((h) => typeof h === 'string' && HEX32.test(h)))
    return fail('every hash must be 64 hex characters');
  if (firstSize > secondSize)
    return fail(`a tree of ${secondSize} cannot extend one of ${firstSize}`);
  if (firstSize === secondSize) {
    if (proof.length !== 0) return fail('equal sizes take an empty proof');
    return same(bytes(firstRoot), bytes(secondRoot))
      ? { valid: true }
      : fail('equal sizes but different roots');
  }
  // Every tree extends the empty one; RFC 6962 gives no proof for it.
  if (firstSize === 0)
    return proof.length === 0 ? { valid: true } : fail('the empty tree takes an empty proof');
  if (proof.length === 0) return fail('the proof is empty');
  const path = proof.map(bytes);
  // A first tree that is a complete subtree is its own starting node.
  if ((firstSize & (firstSize - 1)) === 0) path.unshift(bytes(firstRoot));
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('the proof is longer than the trees are deep');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('the proof is shorter than the trees are deep');
  if (!same(fr, bytes(firstRoot))) return fail('the proof does not reproduce the first root');
  if (!same(sr, bytes(secondRoot))) return fail('the proof does not reproduce the second root');
  return { valid: true };
}
