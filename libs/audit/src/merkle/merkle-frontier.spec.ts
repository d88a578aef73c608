import { createHash } from 'node:crypto';
import { MerkleFrontier } from './merkle-frontier';
import { MerkleTree } from './merkle-tree';

const eventHash = (i: number) => createHash('sha256').update(`event ${i}`).digest('hex');

describe('MerkleFrontier: the root of a growing log without holding its leaves', () => {
  it('gives the RFC 6962 empty-tree hash before any leaf', () => {
    expect(new MerkleFrontier().rootHex()).toBe(new MerkleTree([]).rootHex());
  });

  it('matches MerkleTree at every size from 1 to 70 (every carry pattern up to 64)', () => {
    const hashes = Array.from({ length: 70 }, (_, i) => eventHash(i));
    const tree = MerkleTree.fromEventHashes(hashes);
    const frontier = new MerkleFrontier();
    const roots: string[] = [];
    const expected: string[] = [];
    hashes.forEach((h, i) => {
      frontier.appendEventHash(h);
      roots.push(frontier.rootHex());
      expected.push(tree.rootHex(i + 1));
    });
    expect(roots).toEqual(expected);
    expect(frontier.size).toBe(70);
  });

  it('differs as soon as one leaf differs (near miss: the last one)', () => {
    const a = new MerkleFrontier();
    const b = new MerkleFrontier();
    for (let i = 0; i < 5; i += 1) {
      a.appendEventHash(eventHash(i));
      b.appendEventHash(eventHash(i === 4 ? 99 : i));
    }
    expect(a.rootHex()).not.toBe(b.rootHex());
  });
});
