import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@libs/ledger';
import { MerkleTree } from '../merkle/merkle-tree';
import { ledgerKeyOf } from '../seal/ledger-key';
import { anchorFromPublicKey } from '../trust/trust-anchor';
import { checkpointSignatureValid, parseCheckpoint, signCheckpoint } from './checkpoint';
import { checkWitness } from './check-witness';
import { LogFrontier } from './log-frontier';
import { takeCheckpoint } from './take-checkpoint';
import { readWitnessFolder, writeCheckpointFile } from './witness-folder';

const newKey = () => ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'test');

async function storeWith(events: number[]): Promise<SqliteEventStore> {
  let t = Date.parse('2024-03-01T00:00:00Z');
  const store = new SqliteEventStore({ path: ':memory:', clock: () => new Date((t += 1000)) });
  for (const [i, systolic] of events.entries())
    await store.append(
      `resident-r${i % 3}`,
      [{ type: 'FollowUpRecorded', occurredAt: '2024-03-01', data: { systolic } }],
      { expectedRevision: 'any', actor: 'test' },
    );
  return store;
}

describe('checkpoints: signed tree heads', () => {
  const key = newKey();

  it('commits to the position, size and RFC 6962 root of the log, signed over canonical JSON', async () => {
    const store = await storeWith([120, 121, 122, 123, 124]);
    const at = new Date('2024-03-02T00:00:00.000Z');
    const checkpoint = await takeCheckpoint(store, key, () => at);
    const hashes = (await store.readAll({ limit: 100 })).map((e) => e.hash);
    expect(checkpoint).toMatchObject({
      kind: 'ledger-checkpoint',
      version: 1,
      position: 5,
      treeSize: 5,
      rootHash: MerkleTree.fromEventHashes(hashes).rootHex(),
      time: '2024-03-02T00:00:00.000Z',
      publicKey: key.publicKeyRaw,
    });
    expect(checkpointSignatureValid(checkpoint)).toBe(true);
    expect(checkpointSignatureValid({ ...checkpoint, treeSize: 4 })).toBe(false);
    expect(checkpointSignatureValid({ ...checkpoint, rootHash: 'ab'.repeat(32) })).toBe(false);
    const other = newKey();
    expect(checkpointSignatureValid({ ...checkpoint, publicKey: other.publicKeyRaw })).toBe(false);
    await store.close();
  });

  it('a frontier carried over reads only new events and agrees with a fresh read', async () => {
    const store = await storeWith([1, 2, 3]);
    const frontier = new LogFrontier();
    await frontier.catchUp(store);
    await store.append('resident-r9', [{ type: 'X', occurredAt: '2024-03-01', data: {} }], {
      expectedRevision: 'any',
      actor: 'test',
    });
    const carried = await takeCheckpoint(store, key, () => new Date(0), frontier);
    const fresh = await takeCheckpoint(store, key, () => new Date(0));
    expect(carried.treeSize).toBe(4);
    expect(carried.rootHash).toBe(fresh.rootHash);
    await store.close();
  });

  it('parses what it wrote, and refuses a file that is not a checkpoint', () => {
    const checkpoint = signCheckpoint(
      { position: 3, treeSize: 3, rootHash: 'cd'.repeat(32), time: '2024-03-02T00:00:00.000Z' },
      key,
    );
    expect(parseCheckpoint(JSON.stringify(checkpoint), 'c.json')).toEqual(checkpoint);
    expect(() => parseCheckpoint('{', 'c.json')).toThrow(/c\.json is not JSON/);
    expect(() => parseCheckpoint('{"sealId":"2023-hc-4"}', 'c.json')).toThrow(
      /not a ledger checkpoint/,
    );
    expect(() =>
      parseCheckpoint(JSON.stringify({ ...checkpoint, treeSize: -1 }), 'c.json'),
    ).toThrow(/malformed/);
  });
});

describe('witness folders and checkWitness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-witness-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const key = newKey();
  const anchor = anchorFromPublicKey(key.publicKeyPem, 'key.pem');

  it('writes checkpoints without overwriting, sorted by size, readable by anyone', async () => {
    const store = await storeWith([1, 2]);
    const first = writeCheckpointFile(dir, await takeCheckpoint(store, key, () => new Date(0)));
    const again = writeCheckpointFile(dir, await takeCheckpoint(store, key, () => new Date(0)));
    expect(again).not.toBe(first);
    expect(statSync(first).mode & 0o777).toBe(0o644);
    expect(readWitnessFolder(dir).map((w) => w.file)).toEqual([first, again].sort());
    await store.close();
  });

  it('proves the log extends each checkpoint (consistency proof, independent verifier)', async () => {
    const store = await storeWith([1, 2, 3]);
    const early = await takeCheckpoint(store, key);
    for (const s of [4, 5, 6, 7])
      await store.append('resident-r1', [{ type: 'X', occurredAt: '2024-03-01', data: { s } }], {
        expectedRevision: 'any',
        actor: 'test',
      });
    const late = await takeCheckpoint(store, key);
    const report = await checkWitness(
      store,
      [
        { file: 'early', checkpoint: early },
        { file: 'late', checkpoint: late },
      ],
      anchor,
    );
    expect(report).toMatchObject({ logSize: 7, anchored: true, untrusted: false, tampered: false });
    expect(report.checkpoints.map((c) => [c.treeSize, c.extended, c.key.pinned])).toEqual([
      [3, true, true],
      [7, true, true],
    ]);
    expect(report.checkpoints[0].proof!.length).toBeGreaterThan(0);
    await store.close();
  });

  it('catches a log shorter than a checkpoint, and another log of the same length', async () => {
    const long = await storeWith([1, 2, 3, 4]);
    const head = await takeCheckpoint(long, key);
    const short = await storeWith([1, 2, 3]);
    const truncated = await checkWitness(short, [{ file: 'head', checkpoint: head }], anchor);
    expect(truncated.tampered).toBe(true);
    expect(truncated.checkpoints[0].problem).toMatch(
      /fewer than the 4 this checkpoint covers: events were removed/,
    );
    // Same length, other events (their ids differ): the root does not reproduce.
    const rewritten = await storeWith([1, 2, 9, 4]);
    const report = await checkWitness(rewritten, [{ file: 'head', checkpoint: head }], anchor);
    expect(report.tampered).toBe(true);
    expect(report.checkpoints[0].problem).toMatch(/do not reproduce the checkpoint's root/);
    for (const s of [long, short, rewritten]) await s.close();
  });

  it('calls a checkpoint signed by an unpinned key untrusted, and none anchored without pins', async () => {
    const store = await storeWith([1, 2]);
    const forged = await takeCheckpoint(store, newKey());
    const report = await checkWitness(store, [{ file: 'f', checkpoint: forged }], anchor);
    expect(report).toMatchObject({ untrusted: true, tampered: false });
    expect(report.checkpoints[0].key).toMatchObject({ anchored: true, pinned: false });
    const bare = await checkWitness(store, [{ file: 'f', checkpoint: forged }], undefined);
    expect(bare).toMatchObject({ anchored: false, untrusted: false });
    expect(bare.checkpoints[0].key.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    await store.close();
  });

  it('refuses a witness folder that is empty, missing, or holds something else', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ledger-witness-empty-'));
    try {
      expect(() => readWitnessFolder(empty)).toThrow(/holds no checkpoint/);
      expect(() => readWitnessFolder(join(empty, 'nope'))).toThrow(
        /cannot read the witness folder/,
      );
      writeFileSync(join(empty, 'notes.json'), '{"hello":1}');
      expect(() => readWitnessFolder(empty)).toThrow(/notes\.json is not a ledger checkpoint/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(readFileSync(readWitnessFolder(dir)[0].file, 'utf8')).toMatch(
      /"kind": "ledger-checkpoint"/,
    );
  });
});
