import { createHash } from 'node:crypto';
import { MerkleTree, largestPowerOfTwoBelow } from './merkle-tree';
import { emptyTreeHash, hashToHex, leafHash, nodeHash } from './rfc6962-hash';

const sha = (...parts: Uint8Array[]) =>
  parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The leaves of the Certificate Transparency reference tests (RFC 6962 test vectors). */
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 hashing', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    const a = Buffer.from('aa', 'hex');
    const b = Buffer.from('bb', 'hex');
    expect(hex(leafHash(a))).toBe(hex(sha(Buffer.from([0]), a)));
    expect(hex(nodeHash(a, b))).toBe(hex(sha(Buffer.from([1]), a, b)));
  });

  it('hashes the empty tree as SHA-256 of the empty string', () => {
    expect(hashToHex(emptyTreeHash())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(new MerkleTree([]).rootHex()).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('reproduces the reference roots of trees of 1 to 8 leaves', () => {
    const tree = new MerkleTree(CT_LEAVES);
    expect(CT_ROOTS.map((_, i) => tree.rootHex(i + 1))).toEqual(CT_ROOTS);
  });
});

describe('MerkleTree against hand-computed small trees', () => {
  const leaves = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s) => Buffer.from(s));
  const L = leaves.map(leafHash);
  const N = nodeHash;
  const tree = new MerkleTree(leaves);

  it('computes MTH by splitting at the largest power of two below n', () => {
    expect(largestPowerOfTwoBelow(2)).toBe(1);
    expect(largestPowerOfTwoBelow(5)).toBe(4);
    expect(largestPowerOfTwoBelow(8)).toBe(4);
    expect(hex(tree.root(1))).toBe(hex(L[0]));
    expect(hex(tree.root(3))).toBe(hex(N(N(L[0], L[1]), L[2])));
    expect(hex(tree.root(7))).toBe(hex(N(N(N(L[0], L[1]), N(L[2], L[3])), N(N(L[4], L[5]), L[6]))));
  });

  it('gives the RFC 6962 §2.1.3 audit paths of the example tree of 7 leaves', () => {
    // a: [b, h(c,d), h(h(e,f),g)]; d: [c, h(a,b), h(h(e,f),g)]; e: [f, g, h(h(a,b),h(c,d))]
    expect(tree.inclusionProof(0).map(hex)).toEqual(
      [L[1], N(L[2], L[3]), N(N(L[4], L[5]), L[6])].map(hex),
    );
    expect(tree.inclusionProof(3).map(hex)).toEqual(
      [L[2], N(L[0], L[1]), N(N(L[4], L[5]), L[6])].map(hex),
    );
    expect(tree.inclusionProof(4).map(hex)).toEqual(
      [L[5], L[6], N(N(L[0], L[1]), N(L[2], L[3]))].map(hex),
    );
    expect(tree.inclusionProof(6).map(hex)).toEqual(
      [N(L[4], L[5]), N(N(L[0], L[1]), N(L[2], L[3]))].map(hex),
    );
    expect(tree.inclusionProof(0, 1)).toEqual([]);
  });

  it('gives the RFC 6962 §2.1.3 consistency proofs of the example trees', () => {
    // PROOF(3, D[7]) = [c, d, g, l] ; PROOF(4, D[7]) = [l] ; PROOF(6, D[7]) = [i, j, k]
    const c = L[2];
    const d = L[3];
    const g = N(L[0], L[1]);
    const i = N(L[4], L[5]);
    const j = L[6];
    const k = N(g, N(c, d));
    const l = N(i, j);
    expect(tree.consistencyProof(3, 7).map(hex)).toEqual([c, d, g, l].map(hex));
    expect(tree.consistencyProof(4, 7).map(hex)).toEqual([l].map(hex));
    expect(tree.consistencyProof(6, 7).map(hex)).toEqual([i, j, k].map(hex));
    expect(tree.consistencyProof(7, 7)).toEqual([]);
    expect(tree.consistencyProof(0, 7)).toEqual([]);
  });

  it('refuses sizes and indexes outside the tree', () => {
    expect(() => tree.root(8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
  });

  it('takes event hashes in hex as leaves', () => {
    const h = 'ab'.repeat(32);
    expect(MerkleTree.fromEventHashes([h]).rootHex()).toBe(hex(leafHash(Buffer.from(h, 'hex'))));
    expect(() => MerkleTree.fromEventHashes(['xyz'])).toThrow(TypeError);
  });
});
