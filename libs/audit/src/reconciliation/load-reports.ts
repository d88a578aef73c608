import type { EventStore, RecordedEvent } from '@libs/ledger';
import {
  type ReportEvent,
  reportStream,
} from '../submit-aggregate-report/submit-aggregate-report.action';
import type { SubmittedReport } from './reconcile';

export function submittedReportOf(e: RecordedEvent): SubmittedReport | undefined {
  if (e.type !== 'AggregateReportSubmitted') return undefined;
  const d = e.data as ReportEvent['data'];
  return {
    reportId: d.reportId,
    unitId: d.unitId,
    period: d.period,
    asOfDay: d.asOfDay ?? null,
    claims: d.claims,
    recordedAt: e.recordedAt,
    actor: e.actor,
    position: e.position,
  };
}

/** The reports of these units for a year, read from their own streams. */
export async function loadReports(
  store: EventStore,
  unitIds: Iterable<string>,
  year: number,
): Promise<SubmittedReport[]> {
  const reports: SubmittedReport[] = [];
  for (const unitId of unitIds) {
    for (const e of await store.readStream(reportStream(unitId, year))) {
      const r = submittedReportOf(e);
      if (r) reports.push(r);
    }
  }
  return reports.sort((a, b) => a.position - b.position);
}
