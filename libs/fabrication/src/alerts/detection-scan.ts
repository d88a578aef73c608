import {
  type ReconciliationLine,
  type SubmittedReport,
  reconcileWith,
  reconciliationPeriods,
  submittedReportOf,
} from '@libs/audit';
import {
  LedgerModel,
  ResidentwiseEvaluation,
  UnitTree,
  periodOf,
  residentView,
  sequenceFaultsOf,
} from '@libs/indicators';
import { type EventStore, type RecordedEvent, logPages } from '@libs/ledger';
import { streamIds } from '@libs/records';
import type { AlertDraft } from '../alert';
import type { DetectionInput, OutOfSequence, OverClaim, SealMark } from '../detection-input';
import { type LedgerView, LedgerViewBuilder } from '../ledger-view';

export interface ScanOptions {
  period: number;
  /** Reconciliation (for over-claims) is judged as of this China day. */
  today: string;
  /** Keep only the units in this subtree (`within`); default every unit. */
  unit?: string;
  pageSize?: number;
  /** Sees every event once, in log order (detect-score maps commands to events). */
  observe?: (e: RecordedEvent) => void;
}

export interface DetectionScan {
  input: DetectionInput;
  /** Events in the log. */
  events: number;
  /** Where each subject belongs, as the log says now: a resident's, doctor's or report's unit. */
  unitOf: (subject: AlertDraft['subject']) => string | null;
  /** Whether a unit lies in options.unit's subtree (always true without one). */
  within: (unitId: string) => boolean;
}

const RESIDENT_STREAM = streamIds.resident('');

/**
 * Events per read. Small on purpose: a page lives while it is judged, and a page of thousands
 * outlives young-generation collections, so each one was promoted and left for the old
 * generation's collector: reading the district's log in pages of 5,000 took the run to 1.34 GB,
 * in pages of 500 to 0.93 GB, in about the same time.
 */
const PAGE = 500;

/** Every PeriodSealed event (the seal-* streams). */
const sealOf = (e: RecordedEvent): SealMark | undefined => {
  if (!e.streamId.startsWith('seal-') || e.type !== 'PeriodSealed') return undefined;
  const d = e.data as { period: number; unitId: string; sealedAt: string };
  return { year: d.period, unitId: d.unitId, sealedAt: d.sealedAt, eventId: e.eventId };
};

/**
 * The figures reconciliation needs, resident by resident: each resident's stream read on its
 * own (a few at a time, so a remote store's round trips overlap) into a model of that resident
 * alone. A district's whole model (~800 MB) does not fit beside the detectors' view in a
 * detection run's memory (≤ 1 GB); one resident at a time does, and a resident's contribution to
 * the figures depends on that resident only (ResidentwiseEvaluation).
 */
async function reconcileResidentwise(
  store: EventStore,
  frame: LedgerModel,
  residents: LedgerView['residents'],
  /** residentId → the units a resident was moved out of. */
  former: ReadonlyMap<string, string[]>,
  reports: SubmittedReport[],
  head: number,
  today: string,
): Promise<ReconciliationLine[]> {
  // Only the claimed indicators are evaluated, and only for residents who ever belonged under a
  // reporting unit: a report claims a few of the catalog's two dozen figures for one centre.
  const claimed = new Set(reports.flatMap((r) => r.claims.map((c) => c.indicator)));
  const periods = reconciliationPeriods(reports, today).map((p) => ({
    ...p,
    catalog: {
      ...p.catalog,
      indicators: p.catalog.indicators.filter((d) => claimed.has(d.id)),
    },
  }));
  if (periods.length === 0) return [];
  const tree = new UnitTree(frame, periodOf(reports[0].period, null, today));
  const reporting = [...new Set(reports.map((r) => r.unitId))];
  const under = (unitId: string | null) =>
    unitId !== null && reporting.some((top) => tree.nodes.has(unitId) && tree.within(unitId, top));
  const concerned = function* () {
    for (const [id, facts] of residents)
      if (under(facts.unitId) || (former.get(id) ?? []).some(under)) yield id;
  };
  const evaluation = new ResidentwiseEvaluation(periods, today);
  const read = (id: string) => store.readStream(streamIds.resident(id));
  for await (const events of inOrder(concerned(), READS_IN_FLIGHT, read)) {
    const one = new LedgerModel();
    for (const e of events) if (e.position <= head) one.apply(e);
    for (const r of one.residents.values()) evaluation.add(r);
  }
  const results = evaluation.results(frame);
  return reconcileWith(new Map(periods.map((p, i) => [p.key, results[i]])), reports, today);
}

/**
 * The records out of sequence of the residents who could hold one (LedgerView.sequenceSuspects:
 * a sequenced record migrated or corrected), each resident's stream read on its own and judged
 * as the indicators judge it, as the ledger knows it today on the period's last day.
 */
async function outOfSequence(
  store: EventStore,
  suspects: ReadonlySet<string>,
  head: number,
  period: number,
  today: string,
): Promise<OutOfSequence[]> {
  const on = periodOf(period, null, today);
  const read = (id: string) => store.readStream(streamIds.resident(id));
  const found: OutOfSequence[] = [];
  for await (const events of inOrder(suspects, READS_IN_FLIGHT, read)) {
    const one = new LedgerModel();
    for (const e of events) if (e.position <= head) one.apply(e);
    for (const r of one.residents.values()) {
      const v = residentView(r, on);
      if (!v) continue;
      const faults = sequenceFaultsOf(v).filter((f) => f.day.startsWith(`${period}-`));
      if (faults.length > 0) found.push({ residentId: v.residentId, faults });
    }
  }
  return found;
}

/** Stream reads kept in flight at once (one round trip each on a remote store). */
const READS_IN_FLIGHT = 16;

/** fetch(item) for every item, at most `n` at a time, yielded in the items' order. */
async function* inOrder<T, R>(
  items: Iterable<T>,
  n: number,
  fetch: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for (const item of items) {
    pending.push(fetch(item));
    if (pending.length >= n) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}

/** The over-claims of reconciliation, each with the event that submitted its report. */
function overClaimsOf(
  lines: readonly ReconciliationLine[],
  eventOfReport: ReadonlyMap<string, string>,
): OverClaim[] {
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

function unitsOfSubjects(view: LedgerView, reportUnits: Map<string, string>) {
  return (subject: AlertDraft['subject']): string | null => {
    switch (subject.kind) {
      case 'resident':
        return view.residents.get(subject.id)?.unitId ?? null;
      case 'doctor':
        return view.doctors.get(subject.id)?.at(-1)?.unitId ?? null;
      case 'report':
        return reportUnits.get(subject.id) ?? null;
      default:
        // Teams are org units too.
        return view.parents.has(subject.id) ? subject.id : null;
    }
  };
}

/** One pass over the log: the view, a model of units and targets, the reports and the seals. */
async function readLog(store: EventStore, options: ScanOptions) {
  // The builder's index of records by id lives only as long as this pass.
  const builder = new LedgerViewBuilder();
  const frame = new LedgerModel();
  const reports: SubmittedReport[] = [];
  const eventOfReport = new Map<string, string>();
  const reportUnits = new Map<string, string>();
  const seals: SealMark[] = [];
  // A resident moved between units counts where they were as each report was recorded.
  const former = new Map<string, string[]>();
  let events = 0;
  let head = 0;
  for await (const page of logPages(store, { pageSize: options.pageSize ?? PAGE }))
    for (const e of page) {
      events += 1;
      head = e.position;
      builder.add(e);
      if (e.type === 'ResidentReassigned') {
        const d = e.data as { residentId: string; fromUnitId: string };
        former.set(d.residentId, [...(former.get(d.residentId) ?? []), d.fromUnitId]);
      }
      options.observe?.(e);
      if (!e.streamId.startsWith(RESIDENT_STREAM)) frame.apply(e);
      const seal = sealOf(e);
      if (seal) seals.push(seal);
      const report = submittedReportOf(e);
      if (!report) continue;
      // A report subject may be named by its reportId or by the event that submitted it.
      reportUnits.set(report.reportId, report.unitId);
      reportUnits.set(e.eventId, report.unitId);
      if (report.period !== options.period) continue;
      reports.push(report);
      eventOfReport.set(report.reportId, e.eventId);
    }
  const view = builder.view();
  return { view, frame, reports, eventOfReport, reportUnits, seals, events, head, former };
}

/**
 * What every detector reads for a period, gathered from the log page by page: the detectors'
 * view, the seals, the period's reports and a model of units and target sheets; then, when there
 * are reports to reconcile, each resident's stream for the over-claims. Never the whole log, nor
 * the whole indicator model, in memory.
 */
export async function scanForDetection(
  store: EventStore,
  options: ScanOptions,
): Promise<DetectionScan> {
  const { view, frame, reports, eventOfReport, reportUnits, seals, events, head, former } =
    await readLog(store, options);
  const lines = await reconcileResidentwise(
    store,
    frame,
    view.residents,
    former,
    reports,
    head,
    options.today,
  );
  const sequence = await outOfSequence(
    store,
    view.sequenceSuspects,
    head,
    options.period,
    options.today,
  );
  let within: (unitId: string) => boolean = () => true;
  if (options.unit) {
    const tree = new UnitTree(frame, periodOf(options.period, null, options.today));
    const top = options.unit;
    within = (unitId) => tree.nodes.has(unitId) && tree.within(unitId, top);
  }
  return {
    input: {
      period: options.period,
      view,
      overClaims: overClaimsOf(lines, eventOfReport),
      seals,
      outOfSequence: sequence,
    },
    events,
    unitOf: unitsOfSubjects(view, reportUnits),
    within,
  };
}
