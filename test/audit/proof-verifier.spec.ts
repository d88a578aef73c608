import { createHash } from 'node:crypto';
import { MerkleTree } from '@libs/audit/merkle/merkle-tree';
import { hashToHex } from '@libs/audit/merkle/rfc6962-hash';
import { verifyConsistency, verifyInclusion } from '../../tools/proof-verifier/verify-proofs';

/** The independent verifier accepts every proof the prover makes, and refuses altered ones. */
describe('tools/proof-verifier against the prover', () => {
  const hashes = Array.from({ length: 33 }, (_, i) =>
    createHash('sha256').update(`event ${i}`).digest('hex'),
  );
  const tree = MerkleTree.fromEventHashes(hashes);
  const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;

  it('verifies every inclusion proof of every tree up to 33 leaves', () => {
    for (let n = 1; n <= hashes.length; n += 1) {
      const rootHash = tree.rootHex(n);
      for (let m = 0; m < n; m += 1) {
        const path = tree.inclusionProof(m, n).map(hashToHex);
        expect(
          verifyInclusion({ leaf: hashes[m], leafIndex: m, treeSize: n, path, rootHash }),
        ).toEqual({ valid: true });
      }
    }
  });

  it('verifies every consistency proof between trees up to 33 leaves', () => {
    for (let n = 1; n <= hashes.length; n += 1) {
      for (let m = 0; m <= n; m += 1) {
        const proof = tree.consistencyProof(m, n).map(hashToHex);
        const input = {
          firstSize: m,
          secondSize: n,
          firstRoot: tree.rootHex(m),
          secondRoot: tree.rootHex(n),
          proof,
        };
        expect(verifyConsistency(input)).toEqual({ valid: true });
      }
    }
  });

  it('refuses an inclusion proof with one path element changed, a wrong index, size, leaf or root', () => {
    const n = 21;
    const m = 13;
    const good = {
      leaf: hashes[m],
      leafIndex: m,
      treeSize: n,
      path: tree.inclusionProof(m, n).map(hashToHex),
      rootHash: tree.rootHex(n),
    };
    expect(verifyInclusion(good).valid).toBe(true);
    for (let i = 0; i < good.path.length; i += 1) {
      const path = [...good.path];
      path[i] = flip(path[i]);
      expect(verifyInclusion({ ...good, path }).valid).toBe(false);
    }
    expect(verifyInclusion({ ...good, leafIndex: m + 1 }).valid).toBe(false);
    // A size that changes the path's shape fails; the seal signs its treeSize with the root, so take both from it.
    expect(verifyInclusion({ ...good, treeSize: 16 }).valid).toBe(false);
    expect(verifyInclusion({ ...good, treeSize: 8 }).valid).toBe(false);
    expect(verifyInclusion({ ...good, leaf: hashes[m + 1] }).valid).toBe(false);
    expect(verifyInclusion({ ...good, rootHash: tree.rootHex(n - 1) }).valid).toBe(false);
    expect(verifyInclusion({ ...good, path: good.path.slice(1) }).valid).toBe(false);
    expect(verifyInclusion({ ...good, path: [...good.path, good.path[0]] }).valid).toBe(false);
    expect(verifyInclusion({ ...good, leafIndex: n }).valid).toBe(false);
  });

  it('refuses a consistency proof with one element changed, wrong sizes or roots', () => {
    const good = {
      firstSize: 7,
      secondSize: 30,
      firstRoot: tree.rootHex(7),
      secondRoot: tree.rootHex(30),
      proof: tree.consistencyProof(7, 30).map(hashToHex),
    };
    expect(verifyConsistency(good).valid).toBe(true);
    for (let i = 0; i < good.proof.length; i += 1) {
      const proof = [...good.proof];
      proof[i] = flip(proof[i]);
      expect(verifyConsistency({ ...good, proof }).valid).toBe(false);
    }
    expect(verifyConsistency({ ...good, firstSize: 6 }).valid).toBe(false);
    expect(verifyConsistency({ ...good, secondSize: 16 }).valid).toBe(false);
    expect(verifyConsistency({ ...good, firstSize: 30, secondSize: 7 }).valid).toBe(false);
    expect(verifyConsistency({ ...good, firstRoot: tree.rootHex(8) }).valid).toBe(false);
    expect(verifyConsistency({ ...good, secondRoot: tree.rootHex(29) }).valid).toBe(false);
    expect(verifyConsistency({ ...good, proof: good.proof.slice(0, -1) }).valid).toBe(false);
    expect(
      verifyConsistency({ ...good, firstSize: 4, firstRoot: tree.rootHex(4), proof: [] }).valid,
    ).toBe(false);
    expect(
      verifyConsistency({
        firstSize: 5,
        secondSize: 5,
        firstRoot: tree.rootHex(5),
        secondRoot: tree.rootHex(6),
        proof: [],
      }).valid,
    ).toBe(false);
  });
});
