import {
  type EventStore,
  type LogChainReader,
  type LogProblem,
  LedgerError,
  type RecordedEvent,
  verifyLog,
} from '@libs/ledger';
import { LedgerModel } from '@libs/indicators';
import { chinaDay } from '@libs/records';
import { verifyConsistency } from '../merkle/verify-proofs';
import { MerkleTree } from '../merkle/merkle-tree';
import { hashToHex } from '../merkle/rfc6962-hash';
import { type FigureDifference, compareFigures, figuresOf, forEachEvent } from '../seal/figures-at';
import { type SealFile, sealOf } from '../seal/seal';
import { sealSignatureValid } from '../seal/sign-seal';
import { AUDIT_EXIT } from '../trust/audit-exit-codes';
import { type TrustAnchor, judgeKey } from '../trust/trust-anchor';
import { type LateRecord, lateRecordOf } from './late-records';
import { type SealEventCheck, SealEventWatch } from './seal-event-check';

export type { LateRecord } from './late-records';
export type { SealEventCheck } from './seal-event-check';

/** A seal file that is not a seal at all: a usage error, not tampering. */
export class SealFormatError extends LedgerError {
  readonly code = 'SEAL_FORMAT';
}

/** Exit codes of `check-seal` (shared with `verify`; see AUDIT_EXIT). */
export const CHECK_SEAL_EXIT = AUDIT_EXIT;

export interface ConsistencyCheck {
  firstSize: number;
  secondSize: number;
  firstRoot: string;
  secondRoot: string;
  proof: string[];
  valid: boolean;
  reason?: string;
}

export interface CheckSealReport {
  sealId: string;
  period: number;
  unitId: string;
  position: number;
  treeSize: number;
  sealedAt: string;
  sealedBy: string;
  verdict: 'intact' | 'late_records' | 'tampered' | 'untrusted' | 'unanchored';
  exitCode: 0 | 1 | 3 | 4 | 5;
  /** The signature matches the seal's content and the key the seal names. */
  signatureValid: boolean;
  /** The fingerprint of the key the seal names: what the auditor compares when nothing was pinned. */
  keyFingerprint: string | null;
  /** The auditor gave a key or trust file; a key beside the store never counts. */
  anchored: boolean;
  /** The key the seal names is one the auditor pinned. */
  trustedKey: boolean;
  trustedKeySource: string | null;
  /** The figures recomputed from today's log at the sealed position equal the sealed ones. */
  figuresMatch: boolean;
  figureDifferences: FigureDifference[];
  /** Today's log extends the sealed one: the consistency proof verifies. */
  logExtendsSeal: boolean;
  consistency: ConsistencyCheck | null;
  /** The seal's own PeriodSealed event (which set the period's lock) is still in the log, unchanged. */
  sealEvent: SealEventCheck;
  /** Every hash and chain of today's log recomputes (verify). */
  logIntact: boolean;
  headPosition: number;
  /** Events after the seal that happened in the sealed year: added later, not tampering. */
  lateRecords: LateRecord[];
  /** Where the log was changed: the first stream, revision and position that do not match. */
  tamperedEvents: LogProblem[];
  /** Sentences explaining every failed check. */
  problems: string[];
}

export interface CheckSealOptions {
  /** The keys the auditor pinned (`--public-key`, `--trust`); without it the result is unanchored. */
  anchor?: TrustAnchor;
  today?: string;
}

export function parseSeal(text: string): SealFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SealFormatError(`the seal file is not JSON: ${(error as Error).message}`);
  }
  const s = value as Partial<SealFile>;
  const missing = (
    [
      'sealId',
      'period',
      'unitId',
      'figures',
      'position',
      'treeSize',
      'rootHash',
      'sealedAt',
      'publicKey',
      'signature',
    ] as const
  ).filter((k) => s?.[k] === undefined);
  if (missing.length > 0) throw new SealFormatError(`the seal file lacks ${missing.join(', ')}`);
  if (
    !Number.isSafeInteger(s.treeSize) ||
    !Number.isSafeInteger(s.position) ||
    !/^[0-9a-f]{64}$/i.test(String(s.rootHash)) ||
    !Array.isArray(s.figures)
  ) {
    throw new SealFormatError(
      'the seal file has a malformed treeSize, position, rootHash or figures',
    );
  }
  const r = s.sealEvent;
  if (
    r !== undefined &&
    (typeof r?.streamId !== 'string' ||
      !Number.isSafeInteger(r.position) ||
      typeof r.hash !== 'string' ||
      typeof r.signature !== 'string')
  )
    throw new SealFormatError(
      'the seal file has a malformed sealEvent (streamId, position, hash, signature)',
    );
  return s as SealFile;
}

/**
 * Checks a seal against today's log: its signature and the key the auditor pinned, its own
 * PeriodSealed event, the figures recomputed at the sealed position, a consistency proof (checked
 * by the independent verifier) that today's log extends the sealed tree, and a full verify walk
 * that names the first changed event. Records added after the seal for the sealed year are
 * reported apart: they are late, not tampering.
 */
export async function checkSeal(
  store: EventStore & Partial<LogChainReader>,
  file: SealFile,
  options: CheckSealOptions = {},
): Promise<CheckSealReport> {
  const seal = sealOf(file);
  const problems: string[] = [];
  const signatureValid = sealSignatureValid(seal);
  if (!signatureValid)
    problems.push(
      'the signature does not match the seal’s content: the seal file was changed, or it was not signed by the key it names',
    );
  const key = judgeKey(seal.publicKey, options.anchor);
  if (!key.anchored)
    problems.push(
      `no key was pinned, so this result is UNANCHORED: the seal names key ${key.fingerprint ?? '(unreadable)'}. ` +
        'Compare it with the fingerprint you recorded when the period was sealed, then pass --public-key FILE or --trust FILE. ' +
        'A key found beside the store is never used: whoever can change the store can replace it and re-seal.',
    );
  else if (!key.pinned)
    problems.push(
      `the seal names key ${key.fingerprint ?? '(unreadable)'}, which ${key.source} does not pin: it was signed by another key`,
    );

  const model = new LedgerModel();
  const hashes: string[] = [];
  const lateRecords: LateRecord[] = [];
  const watch = new SealEventWatch(file);
  let head = 0;
  await forEachEvent(store, Number.MAX_SAFE_INTEGER, (event: RecordedEvent) => {
    hashes.push(event.hash);
    head = event.position;
    watch.see(event);
    if (event.position <= seal.position) model.apply(event);
    else {
      const late = lateRecordOf(event, seal.period);
      if (late) lateRecords.push(late);
    }
  });

  // Consistency: today's tree extends the sealed one, proven and checked independently.
  let consistency: ConsistencyCheck | null = null;
  if (hashes.length < seal.treeSize) {
    problems.push(
      `today's log holds ${hashes.length} events, fewer than the ${seal.treeSize} the seal covers: events were removed`,
    );
  } else {
    const tree = MerkleTree.fromEventHashes(hashes);
    const proof = tree.consistencyProof(seal.treeSize).map(hashToHex);
    const input = {
      firstSize: seal.treeSize,
      secondSize: tree.size,
      firstRoot: seal.rootHash,
      secondRoot: tree.rootHex(),
      proof,
    };
    const verdict = verifyConsistency(input);
    consistency = { ...input, valid: verdict.valid, reason: verdict.reason };
    if (!verdict.valid) {
      problems.push(
        `the first ${seal.treeSize} events of today's log do not reproduce the sealed root (${verdict.reason}): events up to position ${seal.position} were changed, removed, inserted or reordered`,
      );
    }
  }
  const logExtendsSeal = consistency?.valid ?? false;

  const sealEvent = watch.judge();
  if (sealEvent.receiptSignatureValid === false)
    problems.push(
      'the signature of the seal event’s receipt (sealEvent) does not verify with the seal’s key: the seal file was changed',
    );
  if (sealEvent.problem) problems.push(sealEvent.problem);

  const walk = await verifyLog(store);
  const tamperedEvents = walk.problem ? [walk.problem] : [];
  if (walk.problem) {
    const p = walk.problem;
    problems.push(
      `stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}`,
    );
  } else if (!logExtendsSeal || !sealEvent.found) {
    problems.push(
      "every hash of today's log recomputes, so it was rewritten with its hashes recomputed (or cut short): only the seal shows it",
    );
  }

  let figureDifferences: FigureDifference[] = [];
  let figuresMatch = false;
  try {
    const now = figuresOf(model, {
      year: seal.period,
      unitId: seal.unitId,
      asOf: seal.sealedAt,
      today: options.today ?? chinaDay(new Date().toISOString()),
    });
    figureDifferences = compareFigures(seal.figures, now.figures);
    figuresMatch = figureDifferences.length === 0;
    if (!figuresMatch)
      problems.push(
        `${figureDifferences.length} figure(s) recomputed at position ${seal.position} differ from the sealed ones`,
      );
  } catch (error) {
    problems.push(
      `the figures cannot be recomputed at position ${seal.position}: ${(error as Error).message}`,
    );
  }

  // The order of AUDIT_EXIT: a bad signature or an unpinned key first; then a log that fails its
  // own hashes (no key needed to see that); then no anchor, which leaves the seal's own claims
  // unjudged; then what only the seal shows.
  const untrusted =
    !signatureValid || sealEvent.receiptSignatureValid === false || (key.anchored && !key.pinned);
  const sealShowsTampering = !logExtendsSeal || !figuresMatch || !sealEvent.found;
  const verdict: CheckSealReport['verdict'] = untrusted
    ? 'untrusted'
    : !walk.intact
      ? 'tampered'
      : !key.anchored
        ? 'unanchored'
        : sealShowsTampering
          ? 'tampered'
          : lateRecords.length > 0
            ? 'late_records'
            : 'intact';
  const exitCode = {
    untrusted: AUDIT_EXIT.untrusted,
    tampered: AUDIT_EXIT.tampered,
    unanchored: AUDIT_EXIT.unanchored,
    late_records: AUDIT_EXIT.lateRecords,
    intact: AUDIT_EXIT.intact,
  }[verdict];
  return {
    sealId: seal.sealId,
    period: seal.period,
    unitId: seal.unitId,
    position: seal.position,
    treeSize: seal.treeSize,
    sealedAt: seal.sealedAt,
    sealedBy: seal.sealedBy,
    verdict,
    exitCode,
    signatureValid,
    keyFingerprint: key.fingerprint,
    anchored: key.anchored,
    trustedKey: key.pinned,
    trustedKeySource: key.source,
    figuresMatch,
    figureDifferences,
    logExtendsSeal,
    consistency,
    sealEvent,
    logIntact: walk.intact,
    headPosition: head,
    lateRecords,
    tamperedEvents,
    problems,
  };
}
