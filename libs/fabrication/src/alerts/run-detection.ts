import { type ReconciliationLine, reconcile, submittedReportOf } from '@libs/audit';
import { LedgerModel, UnitTree, periodOf } from '@libs/indicators';
import { type Clock, type EventStore, type RecordedEvent, logPages } from '@libs/ledger';
import { type ExecuteContext, chinaDay } from '@libs/records';
import type { AlertDraft } from '../alert';
import type { OverClaim, SealMark } from '../detection-input';
import { runDetectors } from '../detectors/all-detectors';
import { alertId } from './alert-id';
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

export async function readWholeLog(store: EventStore, pageSize = 5000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const page of logPages(store, { pageSize })) for (const e of page) all.push(e);
  return all;
}

/** Where each subject belongs, as the log says now: a resident's, doctor's or report's unit. */
export function subjectUnits(events: readonly RecordedEvent[]) {
  const residents = new Map<string, string>();
  const doctors = new Map<string, string>();
  const reports = new Map<string, string>();
  const units = new Set<string>();
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'OrgUnitRegistered') units.add(String(d.unitId));
    else if (e.type === 'ResidentRegistered') residents.set(String(d.residentId), String(d.unitId));
    else if (e.type === 'ResidentReassigned')
      residents.set(String(d.residentId), String(d.toUnitId));
    else if (e.type === 'DoctorRegistered' || e.type === 'DoctorAssigned')
      doctors.set(String(d.doctorId), String(d.unitId));
    else if (e.type === 'AggregateReportSubmitted') {
      // A report subject may be named by its reportId or by the event that submitted it.
      reports.set(String(d.reportId), String(d.unitId));
      reports.set(e.eventId, String(d.unitId));
    }
  }
  return (subject: AlertDraft['subject']): string | null => {
    switch (subject.kind) {
      case 'resident':
        return residents.get(subject.id) ?? null;
      case 'doctor':
        return doctors.get(subject.id) ?? null;
      case 'report':
        return reports.get(subject.id) ?? null;
      default:
        // Teams are org units too.
        return units.has(subject.id) ? subject.id : null;
    }
  };
}

/** The over-claims of reconciliation, each with the event that submitted its report. */
export function overClaimsOf(
  events: readonly RecordedEvent[],
  lines: readonly ReconciliationLine[],
): OverClaim[] {
  const eventOfReport = new Map<string, string>();
  for (const e of events)
    if (e.type === 'AggregateReportSubmitted')
      eventOfReport.set(String((e.data as { reportId: unknown }).reportId), e.eventId);
  return lines
    .filter((l) => l.overClaim && eventOfReport.has(l.reportId))
    .map((l) => ({
      reportEventId: eventOfReport.get(l.reportId)!,
      unitId: l.unitId,
      indicator: l.indicator,
      claimed: { numerator: l.claimed.numerator, denominator: l.claimed.denominator },
      ledger: { numerator: l.ledger.numerator, denominator: l.ledger.denominator },
      gap: l.gap,
    }));
}

/** Every PeriodSealed event of the log (the seal-* streams). */
export function sealsOf(events: readonly RecordedEvent[]): SealMark[] {
  return events
    .filter((e) => e.streamId.startsWith('seal-') && e.type === 'PeriodSealed')
    .map((e) => {
      const d = e.data as { period: number; unitId: string; sealedAt: string };
      return { year: d.period, unitId: d.unitId, sealedAt: d.sealedAt, eventId: e.eventId };
    });
}

/**
 * What every detector finds in a period of the log: the one pipeline `detect` raises from and
 * `detect-score` scores, so a score always measures what supervisors are shown. Reconciliation
 * (for over-claims) is judged as of `today`.
 */
export function findDrafts(
  events: readonly RecordedEvent[],
  period: number,
  today: string,
): { drafts: AlertDraft[]; model: LedgerModel } {
  const model = new LedgerModel();
  for (const e of events) model.apply(e);
  const reports = events
    .map(submittedReportOf)
    .filter((r): r is NonNullable<typeof r> => r !== undefined && r.period === period);
  const drafts = runDetectors({
    period,
    events,
    overClaims: overClaimsOf(events, reconcile(model, reports, today)),
    seals: sealsOf(events),
  });
  return { drafts, model };
}

/**
 * Reads the whole log, runs every detector over the period, and raises each draft as an
 * alert (then lists it in the directory). Raising is idempotent: the same detector, subject and
 * evidence is the same alert stream, and a dismissed alert is never raised again.
 */
export async function runDetection(
  store: EventStore,
  options: DetectionOptions,
): Promise<DetectionRun> {
  const events = await readWholeLog(store, options.pageSize);
  const now = options.clock().toISOString();
  const today = chinaDay(now);
  const { drafts, model } = findDrafts(events, options.period, today);

  const unitOf = subjectUnits(events);
  const tree = options.unit ? new UnitTree(model, periodOf(options.period, null, today)) : null;
  const run: DetectionRun = {
    period: options.period,
    events: events.length,
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
  for (const draft of drafts) {
    const id = alertId(draft);
    const unitId = unitOf(draft.subject);
    if (tree && options.unit && !(unitId && tree.within(unitId, options.unit))) continue;
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
