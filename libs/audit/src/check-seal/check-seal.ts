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
import { verifyConsistency } from '../../../../tools/proof-verifier/verify-proofs';
import { MerkleTree } from '../merkle/merkle-tree';
import { hashToHex } from '../merkle/rfc6962-hash';
import { type FigureDifference, compareFigures, figuresOf, forEachEvent } from '../seal/figures-at';
import { SEAL_EVENT_TYPE, type Seal } from '../seal/seal';
import { sameKey, sealSignatureValid } from '../seal/sign-seal';

/** A seal file that is not a seal at all: a usage error, not tampering. */
export class SealFormatError extends LedgerError {
  readonly code = 'SEAL_FORMAT';
}

/** Exit codes of `check-seal`, most serious first. */
export const CHECK_SEAL_EXIT = {
  intact: 0,
  lateRecords: 1,
  usage: 2,
  tampered: 3,
  untrusted: 4,
} as const;

export interface LateRecord {
  type: string;
  streamId: string;
  position: number;
  actor: string;
  recordedAt: string;
  occurredAt: string;
}

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
  verdict: 'intact' | 'late_records' | 'tampered' | 'untrusted';
  exitCode: 0 | 1 | 3 | 4;
  /** The signature matches the seal's content and the key the seal names. */
  signatureValid: boolean;
  /** The key the seal names is the ledger's own key (or the one the checker was given). */
  trustedKey: boolean;
  trustedKeySource: string | null;
  /** The figures recomputed from today's log at the sealed position equal the sealed ones. */
  figuresMatch: boolean;
  figureDifferences: FigureDifference[];
  /** Today's log extends the sealed one: the consistency proof verifies. */
  logExtendsSeal: boolean;
  consistency: ConsistencyCheck | null;
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
  /** The public key the seal must name: the ledger's own, or one the auditor kept. */
  trustedPublicKey?: { key: string; source: string };
  today?: string;
}

/** Streams whose records move figures: residents' service records and target sheets. */
const RECORD_STREAMS = ['resident-', 'targets-'];

export function parseSeal(text: string): Seal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SealFormatError(`the seal file is not JSON: ${(error as Error).message}`);
  }
  const s = value as Partial<Seal>;
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
  return s as Seal;
}

/**
 * Checks a seal against today's log: its signature and key, the figures recomputed at the sealed
 * position, a consistency proof (checked by the independent verifier) that today's log extends
 * the sealed tree, and a full verify walk that names the first changed event. Records added
 * after the seal for the sealed year are reported apart: they are late, not tampering.
 */
export async function checkSeal(
  store: EventStore & Partial<LogChainReader>,
  seal: Seal,
  options: CheckSealOptions = {},
): Promise<CheckSealReport> {
  const problems: string[] = [];
  const signatureValid = sealSignatureValid(seal);
  if (!signatureValid)
    problems.push(
      'the signature does not match the seal’s content: the seal file was changed, or it was not signed by the key it names',
    );
  const trusted = options.trustedPublicKey;
  const trustedKey = trusted ? sameKey(seal.publicKey, trusted.key) : false;
  if (!trusted)
    problems.push(
      'no trusted public key to compare with: the ledger has no signing key here; pass --public-key',
    );
  else if (!trustedKey)
    problems.push(`the seal names a public key that is not the trusted one (${trusted.source})`);

  const model = new LedgerModel();
  const hashes: string[] = [];
  const lateRecords: LateRecord[] = [];
  const year = String(seal.period);
  let head = 0;
  await forEachEvent(store, Number.MAX_SAFE_INTEGER, (event: RecordedEvent) => {
    hashes.push(event.hash);
    head = event.position;
    if (event.position <= seal.position) model.apply(event);
    else if (isLateRecord(event, year)) {
      const { type, streamId, position, actor, recordedAt, occurredAt } = event;
      lateRecords.push({ type, streamId, position, actor, recordedAt, occurredAt });
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

  const walk = await verifyLog(store);
  const tamperedEvents = walk.problem ? [walk.problem] : [];
  if (walk.problem) {
    const p = walk.problem;
    problems.push(
      `stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}`,
    );
  } else if (!logExtendsSeal) {
    problems.push(
      "every hash of today's log recomputes, so the sealed part was rewritten with its hashes recomputed: only the seal shows it",
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

  const untrusted = !signatureValid || !trustedKey;
  const tampered = !logExtendsSeal || tamperedEvents.length > 0 || !figuresMatch;
  const verdict = untrusted
    ? 'untrusted'
    : tampered
      ? 'tampered'
      : lateRecords.length > 0
        ? 'late_records'
        : 'intact';
  const exitCode = untrusted
    ? CHECK_SEAL_EXIT.untrusted
    : tampered
      ? CHECK_SEAL_EXIT.tampered
      : lateRecords.length > 0
        ? CHECK_SEAL_EXIT.lateRecords
        : CHECK_SEAL_EXIT.intact;
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
    trustedKey,
    trustedKeySource: trusted?.source ?? null,
    figuresMatch,
    figureDifferences,
    logExtendsSeal,
    consistency,
    logIntact: walk.intact,
    headPosition: head,
    lateRecords,
    tamperedEvents,
    problems,
  };
}

function isLateRecord(event: RecordedEvent, year: string): boolean {
  if (event.type === SEAL_EVENT_TYPE) return false;
  if (!RECORD_STREAMS.some((prefix) => event.streamId.startsWith(prefix))) return false;
  return chinaDay(event.occurredAt).slice(0, 4) === year;
}

const cell = (v: { numerator: number; denominator: number } | null) =>
  v ? `${v.numerator}/${v.denominator}` : '—';

/** The report for a terminal: verdict first, then each check, late records apart from tampering. */
export function renderCheckSealText(r: CheckSealReport): string {
  const ok = (b: boolean) => (b ? 'ok' : 'FAILED');
  const lines = [
    `check-seal: ${r.verdict.toUpperCase().replace('_', ' ')} — seal ${r.sealId} (period ${r.period}, unit ${r.unitId}, ${r.treeSize} events up to position ${r.position}, sealed ${r.sealedAt} by ${r.sealedBy})`,
    `  signature        ${ok(r.signatureValid)}`,
    `  trusted key      ${ok(r.trustedKey)}${r.trustedKeySource ? ` (${r.trustedKeySource})` : ''}`,
    `  log extends seal ${ok(r.logExtendsSeal)}${r.consistency ? ` (consistency proof ${r.consistency.firstSize} → ${r.consistency.secondSize}, ${r.consistency.proof.length} hashes)` : ''}`,
    `  log hashes       ${ok(r.logIntact)} (head position ${r.headPosition})`,
    `  figures          ${ok(r.figuresMatch)}`,
  ];
  for (const d of r.figureDifferences.slice(0, 20))
    lines.push(`    ${d.unitId} ${d.indicatorId}: sealed ${cell(d.sealed)}, now ${cell(d.now)}`);
  if (r.tamperedEvents.length > 0) {
    lines.push('tampering:');
    for (const p of r.tamperedEvents)
      lines.push(
        `  stream ${p.streamId} at revision ${p.revision}, position ${p.position}: ${p.reason}`,
      );
  }
  if (r.problems.length > 0) {
    lines.push('problems:');
    for (const p of r.problems) lines.push(`  - ${p}`);
  }
  if (r.lateRecords.length > 0) {
    lines.push(
      `late records (${r.lateRecords.length}) — added after the seal for ${r.period}, not counted in the sealed figures:`,
    );
    for (const e of r.lateRecords)
      lines.push(
        `  ${e.type} in ${e.streamId} at position ${e.position}, occurred ${e.occurredAt}, recorded ${e.recordedAt} by ${e.actor}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
