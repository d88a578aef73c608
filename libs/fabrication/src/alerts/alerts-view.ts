import { type EventStore, type RecordedEvent, foldEvents } from '@libs/ledger';
import type { DetectorId } from '../alert';
import { ALERT_DIRECTORY_STREAM, alertStream } from './alert-id';
import {
  type AlertEvent,
  type AlertRaisedData,
  type AlertStatus,
  evolveAlert,
  initialAlertState,
} from './alert-state';
import type { AlertListed } from './list-alert/list-alert.action';

export const ALERT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'confirmed', 'dismissed'];
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertFilter {
  period?: number;
  severity?: Severity;
  status?: AlertStatus;
  detector?: DetectorId;
  /** The caller's scope (a unit subtree); absent: every unit. */
  inScope?: (unitId: string) => boolean | Promise<boolean>;
}

export interface AlertAction {
  type: 'AlertAcknowledged' | 'AlertConfirmed' | 'AlertDismissed';
  reason: string;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  eventId: string;
}

export interface AlertSummary extends AlertRaisedData {
  status: AlertStatus;
  raisedAt: string;
  raisedBy: string;
  /** The supervisors' actions, oldest first. */
  actions: AlertAction[];
}

/** One alert as its stream holds it; undefined when no such alert was raised. */
export function alertOf(events: readonly RecordedEvent[]): AlertSummary | undefined {
  const state = foldEvents(
    { initialState: initialAlertState, evolve: evolveAlert },
    events as unknown as AlertEvent[],
  );
  const raisedEvent = events.find((e) => e.type === 'AlertRaised');
  if (!state.raised || !state.status || !raisedEvent) return undefined;
  return {
    ...state.raised,
    status: state.status,
    raisedAt: raisedEvent.recordedAt,
    raisedBy: raisedEvent.actor,
    actions: events
      .filter((e) => e.type !== 'AlertRaised')
      .map((e) => ({
        type: e.type as AlertAction['type'],
        reason: String((e.data as { reason?: string }).reason ?? ''),
        actor: e.actor,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        eventId: e.eventId,
      })),
  };
}

export async function loadAlert(store: EventStore, id: string): Promise<AlertSummary | undefined> {
  return /^[0-9a-f]{16}$/.test(id) ? alertOf(await store.readStream(alertStream(id))) : undefined;
}

const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The alerts of the directory that pass the filter, most severe first, then by unit. Filters
 * on what the directory holds come first, so only matching alert streams are read.
 */
export async function listAlerts(store: EventStore, filter: AlertFilter = {}) {
  const listed = (await store.readStream(ALERT_DIRECTORY_STREAM))
    .filter((e) => e.type === 'AlertListed')
    .map((e) => e.data as AlertListed['data']);
  const alerts: AlertSummary[] = [];
  for (const entry of listed) {
    if (filter.period !== undefined && entry.period !== filter.period) continue;
    if (filter.severity && entry.severity !== filter.severity) continue;
    if (filter.detector && entry.detector !== filter.detector) continue;
    if (filter.inScope && !(await filter.inScope(entry.unitId))) continue;
    const alert = await loadAlert(store, entry.alertId);
    if (!alert || (filter.status && alert.status !== filter.status)) continue;
    alerts.push(alert);
  }
  alerts.sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      a.unitId.localeCompare(b.unitId) ||
      b.score - a.score ||
      a.alertId.localeCompare(b.alertId),
  );
  const count = (key: (a: AlertSummary) => string) =>
    alerts.reduce<Record<string, number>>((m, a) => ((m[key(a)] = (m[key(a)] ?? 0) + 1), m), {});
  return {
    total: alerts.length,
    bySeverity: count((a) => a.severity),
    byStatus: count((a) => a.status),
    byUnit: count((a) => a.unitId),
    alerts,
  };
}
