import type { AlertDraft } from '../alert';

export type AlertStatus = 'open' | 'acknowledged' | 'confirmed' | 'dismissed';

export type AlertRaisedData = AlertDraft & { alertId: string; unitId: string; occurredAt: string };

export type AlertRaised = { type: 'AlertRaised'; data: AlertRaisedData };
export type AlertHandled = {
  type: 'AlertAcknowledged' | 'AlertConfirmed' | 'AlertDismissed';
  data: { alertId: string; reason: string; occurredAt: string };
};
export type AlertEvent = AlertRaised | AlertHandled;

export interface AlertState {
  raised: AlertRaisedData | null;
  status: AlertStatus | null;
}

export const initialAlertState = (): AlertState => ({ raised: null, status: null });

const STATUS_AFTER: Record<AlertHandled['type'], AlertStatus> = {
  AlertAcknowledged: 'acknowledged',
  AlertConfirmed: 'confirmed',
  AlertDismissed: 'dismissed',
};

export function evolveAlert(s: AlertState, e: AlertEvent): AlertState {
  if (e.type === 'AlertRaised') return { raised: e.data, status: 'open' };
  const next = STATUS_AFTER[e.type];
  return next ? { ...s, status: next } : s;
}

/** Confirmed or dismissed is final: no further action, and never raised again. */
export const isFinal = (status: AlertStatus | null): boolean =>
  status === 'confirmed' || status === 'dismissed';
