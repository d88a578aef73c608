import type { EventStore } from '@libs/ledger';
import { verifyConsistency } from '../merkle/verify-proofs';
import { MerkleTree } from '../merkle/merkle-tree';
import { hashToHex } from '../merkle/rfc6962-hash';
import { forEachEvent } from '../seal/figures-at';
import { type KeyTrust, type TrustAnchor, judgeKey } from '../trust/trust-anchor';
import { checkpointSignatureValid } from './checkpoint';
import type { WitnessedCheckpoint } from './witness-folder';

export interface CheckpointCheck {
  file: string;
  position: number;
  treeSize: number;
  rootHash: string;
  time: string;
  signatureValid: boolean;
  key: KeyTrust;
  /** Today's log begins with exactly the checkpoint's events: the consistency proof verifies. */
  extended: boolean;
  proof: string[] | null;
  /** Why it does not, in a sentence. */
  problem?: string;
}

export interface WitnessReport {
  logSize: number;
  logRoot: string;
  /** An anchor was given: without one the checkpoints are read but vouch for nothing. */
  anchored: boolean;
  checkpoints: CheckpointCheck[];
  /** Some checkpoint's signature fails, or names a key the anchor does not pin. */
  untrusted: boolean;
  /** Some checkpoint is not a prefix of today's log. */
  tampered: boolean;
}

/**
 * Proves, checkpoint by checkpoint, that today's log extends what a witness was shown: an RFC
 * 6962 consistency proof from the checkpoint's size to today's, generated from today's log and
 * checked by the independent verifier. A log shorter than a checkpoint lost its tail; a proof
 * that fails means events up to that size were changed, removed, inserted or reordered — even if
 * every hash and chain was recomputed afterwards.
 */
export async function checkWitness(
  store: EventStore,
  witnessed: WitnessedCheckpoint[],
  anchor: TrustAnchor | undefined,
): Promise<WitnessReport> {
  const hashes: string[] = [];
  await forEachEvent(store, Number.MAX_SAFE_INTEGER, (event) => hashes.push(event.hash));
  const tree = MerkleTree.fromEventHashes(hashes);
  const logRoot = tree.rootHex();

  const checkpoints = witnessed.map(({ file, checkpoint: c }): CheckpointCheck => {
    const base = {
      file,
      position: c.position,
      treeSize: c.treeSize,
      rootHash: c.rootHash,
      time: c.time,
      signatureValid: checkpointSignatureValid(c),
      key: judgeKey(c.publicKey, anchor),
    };
    if (c.treeSize > tree.size)
      return {
        ...base,
        extended: false,
        proof: null,
        problem: `today's log holds ${tree.size} events, fewer than the ${c.treeSize} this checkpoint covers: events were removed (the tail cut off, or events deleted and the rest renumbered)`,
      };
    const proof = tree.consistencyProof(c.treeSize).map(hashToHex);
    const verdict = verifyConsistency({
      firstSize: c.treeSize,
      secondSize: tree.size,
      firstRoot: c.rootHash,
      secondRoot: logRoot,
      proof,
    });
    return verdict.valid
      ? { ...base, extended: true, proof }
      : {
          ...base,
          extended: false,
          proof,
          problem: `the first ${c.treeSize} events of today's log do not reproduce the checkpoint's root (${verdict.reason}): events up to position ${c.position} were changed, removed, inserted or reordered`,
        };
  });

  return {
    logSize: tree.size,
    logRoot,
    anchored: anchor !== undefined,
    checkpoints,
    untrusted: checkpoints.some((c) => !c.signatureValid || (c.key.anchored && !c.key.pinned)),
    tampered: checkpoints.some((c) => !c.extended),
  };
}
