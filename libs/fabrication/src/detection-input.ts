import type { SequenceFault } from '@libs/indicators';
import type { LedgerView } from './ledger-view';
import type { AlertDraft, DetectorId } from './alert';

/**
 * One aggregate-report claim that says more than the ledger shows, computed by the caller from
 * reconciliation (libs/audit reconcile: a line with `overClaim: true`).
 */
export interface OverClaim {
  /** The AggregateReportSubmitted event: the subject and the evidence of the alert. */
  reportEventId: string;
  unitId: string;
  indicator: string;
  claimed: { numerator: number; denominator: number };
  ledger: { numerator: number; denominator: number };
  /** Claimed minus ledger, as reconciliation reports it (ReconciliationLine.gap). */
  gap: { numerator: number; rate: number | null };
}

/** A seal of one unit's year (libs/audit): records of that year recorded later are late. */
export interface SealMark {
  year: number;
  unitId: string;
  sealedAt: string;
  eventId: string;
}

/**
 * A resident's records out of sequence (a visit before the birth, a dose before its minimum
 * age…), judged by the indicators' own rules over the resident's stream (detection-scan.ts).
 */
export interface OutOfSequence {
  residentId: string;
  faults: SequenceFault[];
}

export interface DetectionInput {
  /** The evaluation year: only records whose occurredAt (China day) falls in it raise alerts. */
  period: number;
  /** The log as the detectors read it (ledger-view.ts): built page by page, never held whole. */
  view: LedgerView;
  overClaims?: OverClaim[];
  seals?: SealMark[];
  outOfSequence?: OutOfSequence[];
}

export type DetectorParams = Record<string, number>;

export interface Detector<P extends DetectorParams = DetectorParams> {
  id: DetectorId;
  description: { zh: string; en: string };
  /** The defaults, documented in the module's header comment. */
  params: P;
  detect(input: DetectionInput, params?: Partial<P>): AlertDraft[];
}

// ---------------------------------------------------------------------------------------------
// Shared reading of the log (one pass, shared by every detector).

// What a detector works with, each in its own file; re-exported so a detector imports one place.
export * from './ledger-view';
export * from './days';
export * from './detector-helpers';
export * from './stats/distributions';
