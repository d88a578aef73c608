import type { EvaluationTable } from '@libs/indicators';

export const SEAL_VERSION = 1;
export const SEAL_EVENT_TYPE = 'PeriodSealed';

/** The seal of `year` for `unitId` lives in this stream, one event per seal taken. */
export const sealStreamId = (year: number, unitId: string): string => `seal-${year}-${unitId}`;

/** `<year>-<unitId>-<position>`: one seal per period, unit and sealed position. */
export const sealIdOf = (year: number, unitId: string, position: number): string =>
  `${year}-${unitId}-${position}`;

export function parseSealId(
  sealId: string,
): { year: number; unitId: string; position: number } | undefined {
  const m = /^(\d{4})-(.+)-(\d+)$/.exec(sealId);
  return m ? { year: Number(m[1]), unitId: m[2], position: Number(m[3]) } : undefined;
}

export type SealedFigures = EvaluationTable['rows'];

/** Everything a seal says, before it is signed. Self-contained: a seal file needs nothing else. */
export interface UnsignedSeal {
  version: typeof SEAL_VERSION;
  sealId: string;
  /** The evaluation year (by occurredAt). */
  period: number;
  unitId: string;
  catalog: { id: string; version: number };
  /** The unit's evaluation table rows (sub-units, then the total), as known at sealedAt. */
  figures: SealedFigures;
  /** The global position the figures were computed at: events 1..position. */
  position: number;
  /** Leaves of the Merkle tree: every event up to `position`, in global order. */
  treeSize: number;
  /** RFC 6962 Merkle Tree Hash over the events' hashes, hex. */
  rootHash: string;
  sealedAt: string;
  /** The actor who took the seal (an auditor, or `operator`). */
  sealedBy: string;
  /** The ledger's Ed25519 public key, raw 32 bytes in base64. */
  publicKey: string;
}

export interface Seal extends UnsignedSeal {
  /** Ed25519 over the canonical JSON (RFC 8785) of every other field, base64. */
  signature: string;
}

/**
 * Where the PeriodSealed event carrying the seal landed. The seal cannot name its own event (the
 * event's hash covers the seal), so this receipt is signed by the same key right after the
 * append. With it, a deleted or altered seal event — which would lift the period's lock — shows.
 */
export interface SealEventReceipt {
  streamId: string;
  position: number;
  /** The event's hash (hex), as the store recorded it. */
  hash: string;
  /** Ed25519 over the canonical JSON of {sealId, sealSignature, streamId, position, hash}. */
  signature: string;
}

/** What `seal --out` and `POST /api/v1/seals` hand the auditor: the seal and its event's receipt. */
export interface SealFile extends Seal {
  /** Absent only in files written before receipts existed. */
  sealEvent?: SealEventReceipt;
}

/** The seal as signed and as carried by its event: without the receipt. */
export function sealOf(file: SealFile): Seal {
  const { sealEvent: _receipt, ...seal } = file;
  return seal;
}

export function unsignedPart(seal: Seal | UnsignedSeal | SealFile): UnsignedSeal {
  const { signature: _signature, sealEvent: _receipt, ...rest } = seal as SealFile;
  return rest;
}
