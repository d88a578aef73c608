import type { Clock, EventStore } from '@libs/ledger';
import { type ExecuteContext, chinaDay } from '@libs/records';
import type { AlertDraft } from '../alert';
import { runDetectors } from '../detectors/all-detectors';
import { alertId } from './alert-id';
import { type DetectionScan, type ScanOptions, scanForDetection } from './detection-scan';
import { ALERT_ACTIONS_BY_TYPE } from './alerts-catalog';
import { type RaiseOutcome, raiseDraft } from './raise-draft';

export interface DetectionOutcome {
  alertId: string;
  detector: AlertDraft['detector'];
  severity: AlertDraft['severity'];
  subject: AlertDraft['subject'];
  unitId: string | null;
  outcome: RaiseOutcome;
}

export interface DetectionRun {
  period: number;
  events: number;
  drafts: number;
  /** New alerts; already raised (still open or handled); dismissed before, so not again. */
  raised: number;
  duplicate: number;
  suppressed: number;
  /** Refused by the rules (an alert without evidence); subject whose unit is unknown. */
  refused: number;
  unplaced: number;
  /** detector → severity → how many drafts. */
  byDetector: Record<string, Record<string, number>>;
  outcomes: DetectionOutcome[];
}

export interface DetectionOptions {
  period: number;
  clock: Clock;
  /** Who raises: the operator, or a supervisor's actor id with `authorize` of their principal. */
  actor: string;
  authorize?: ExecuteContext['authorize'];
  /** Only alerts whose unit lies in this subtree (default: every unit). */
  unit?: string;
  pageSize?: number;
}

/**
 * What every detector finds in a period of the log: the one pipeline `detect` raises from and
 * `detect-score` scores, so a score always measures what supervisors are shown. Reconciliation
 * (for over-claims) is judged as of `today`.
 */
export async function findDrafts(
  store: EventStore,
  options: ScanOptions,
): Promise<{ drafts: AlertDraft[]; scan: DetectionScan }> {
  const scan = await scanForDetection(store, options);
  return { drafts: runDetectors(scan.input), scan };
}

/** A draft with where it belongs: its subject's unit, and whether that is in the run's scope. */
export interface FoundDraft {
  draft: AlertDraft;
  unitId: string | null;
  inScope: boolean;
}

/** The drafts of a scan placed in units, scoped to `unit`'s subtree when one is given. */
export function placeDrafts(
  scan: DetectionScan,
  drafts: readonly AlertDraft[],
  unit?: string,
): FoundDraft[] {
  return drafts.map((draft) => {
    const unitId = scan.unitOf(draft.subject);
    return { draft, unitId, inScope: !unit || (unitId !== null && scan.within(unitId)) };
  });
}

/**
 * Reads the log (in pages), runs every detector over the period, and raises each draft as an
 * alert (then lists it in the directory). Raising is idempotent: the same detector, subject and
 * evidence is the same alert stream, and a dismissed alert is never raised again.
 */
export async function runDetection(
  store: EventStore,
  options: DetectionOptions,
): Promise<DetectionRun> {
  const today = chinaDay(options.clock().toISOString());
  const { drafts, scan } = await findDrafts(store, {
    period: options.period,
    today,
    unit: options.unit,
    pageSize: options.pageSize,
  });
  return raiseDrafts(store, options, placeDrafts(scan, drafts, options.unit), scan.events);
}

/** Raises drafts found elsewhere (a worker thread's scan, say) as runDetection does. */
export async function raiseDrafts(
  store: EventStore,
  options: DetectionOptions,
  found: readonly FoundDraft[],
  events: number,
): Promise<DetectionRun> {
  const today = chinaDay(options.clock().toISOString());
  const run: DetectionRun = {
    period: options.period,
    events,
    drafts: 0,
    raised: 0,
    duplicate: 0,
    suppressed: 0,
    refused: 0,
    unplaced: 0,
    byDetector: {},
    outcomes: [],
  };
  const ctx: ExecuteContext = {
    store,
    clock: options.clock,
    actor: options.actor,
    authorize: options.authorize,
    catalog: ALERT_ACTIONS_BY_TYPE,
  };
  for (const { draft, unitId, inScope } of found) {
    if (!inScope) continue;
    const id = alertId(draft);
    run.drafts += 1;
    const perDetector = (run.byDetector[draft.detector] ??= {});
    perDetector[draft.severity] = (perDetector[draft.severity] ?? 0) + 1;
    const outcome = unitId ? await raiseDraft(ctx, draft, unitId, today) : 'unplaced';
    run[outcome] += 1;
    run.outcomes.push({
      alertId: id,
      detector: draft.detector,
      severity: draft.severity,
      subject: draft.subject,
      unitId,
      outcome,
    });
  }
  return run;
}
