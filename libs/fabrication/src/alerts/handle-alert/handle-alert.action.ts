import { IsString, Length, Matches } from 'class-validator';
import {
  CommandRequest,
  action,
  assertNotInFuture,
  refuse,
  type Action,
  type Decision,
} from '@libs/records';
import { alertStream } from '../alert-id';
import {
  type AlertEvent,
  type AlertHandled,
  type AlertState,
  evolveAlert,
  initialAlertState,
  isFinal,
} from '../alert-state';

export class HandleAlertRequest extends CommandRequest {
  /** The 16 hex digits of the alert (GET /api/v1/alerts). */
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, {
    message: '$property must be 16 hex digits / $property 须为16位十六进制',
  })
  alertId!: string;
  /** Why: every supervisor action on an alert carries its reason. */
  @IsString() @Length(0, 1000) reason!: string;
}

type HandleType = AlertHandled['type'];

/** A decider for one of the three supervisor actions; they share every rule but the last. */
export function decideHandleAlert(type: HandleType) {
  return (c: Decision<HandleAlertRequest>, state: AlertState): AlertEvent[] => {
    assertNotInFuture(c.occurredAt, c.now);
    if (!state.raised)
      refuse(
        'ALERT_NOT_FOUND',
        'not_found',
        `预警 ${c.alertId} 不存在`,
        `alert ${c.alertId} does not exist`,
        { alertId: c.alertId },
      );
    if (c.reason.trim() === '')
      refuse('REASON_REQUIRED', 'unprocessable', '须说明理由', 'a reason is required', {});
    if (isFinal(state.status))
      refuse(
        'ALERT_CLOSED',
        'conflict',
        `预警 ${c.alertId} 已${state.status === 'confirmed' ? '确认' : '排除'}，不能再处理`,
        `alert ${c.alertId} is already ${state.status}; that is final`,
        { alertId: c.alertId, status: state.status },
      );
    if (type === 'AlertAcknowledged' && state.status === 'acknowledged')
      refuse(
        'ALERT_ALREADY_ACKNOWLEDGED',
        'conflict',
        `预警 ${c.alertId} 已签收`,
        `alert ${c.alertId} is already acknowledged`,
        { alertId: c.alertId },
      );
    return [
      { type, data: { alertId: c.alertId, reason: c.reason.trim(), occurredAt: c.occurredAt } },
    ];
  };
}

const handleAction = (
  type: string,
  event: HandleType,
  summary: { zh: string; en: string },
): Action =>
  action({
    type,
    summary,
    request: HandleAlertRequest,
    stream: (r) => alertStream(r.alertId),
    decider: {
      initialState: initialAlertState,
      evolve: evolveAlert,
      decide: decideHandleAlert(event),
    },
    // The unit of the alert's subject; an unknown alert has none yet (the rule refuses it).
    unitsTouched: (_r, s) => (s.raised ? [s.raised.unitId] : null),
  });

export const acknowledgeAlert = handleAction('AcknowledgeAlert', 'AlertAcknowledged', {
  zh: '签收预警（附理由）',
  en: 'Acknowledge an alert: being looked at (with a reason)',
});
export const confirmAlert = handleAction('ConfirmAlert', 'AlertConfirmed', {
  zh: '确认预警属实（附理由，终结）',
  en: 'Confirm an alert as a real problem (with a reason; final)',
});
export const dismissAlert = handleAction('DismissAlert', 'AlertDismissed', {
  zh: '排除预警（附理由，终结；相同证据不再预警）',
  en: 'Dismiss an alert (with a reason; final: never raised again for the same evidence)',
});

/** The supervisor's actions on alerts: part of the public catalog (HTTP and import). */
export const ALERT_HANDLE_ACTIONS: readonly Action[] = [
  acknowledgeAlert,
  confirmAlert,
  dismissAlert,
];
