import 'reflect-metadata';
import { specFor } from '@libs/records/testing/fixtures';
import { acknowledgeAlert, confirmAlert, dismissAlert } from './handle-alert.action';

const ID = '0123456789abcdef';
const raised = {
  type: 'AlertRaised',
  data: {
    alertId: ID,
    unitId: 'u1',
    detector: 'after-death',
    subject: { kind: 'resident', id: 'r1' },
    period: 2024,
    score: 1,
    severity: 'high',
    explanation: { zh: '死亡后仍有随访', en: 'a follow-up after death' },
    evidence: ['ev-1'],
    occurredAt: '2024-06-01',
  },
};
const handled = (type: string, reason = 'checked the paper form') => ({
  type,
  data: { alertId: ID, reason, occurredAt: '2024-06-30' },
});
const cmd = (type: string, over: Record<string, unknown> = {}) => ({
  type,
  alertId: ID,
  reason: 'checked the paper form',
  occurredAt: '2024-06-30',
  ...over,
});

describe.each([
  [acknowledgeAlert, 'AcknowledgeAlert', 'AlertAcknowledged'],
  [confirmAlert, 'ConfirmAlert', 'AlertConfirmed'],
  [dismissAlert, 'DismissAlert', 'AlertDismissed'],
] as const)('%#: %s', (a, type, event) => {
  const given = specFor(a);

  it(`records ${event} with the reason`, () => {
    given([raised])
      .when(cmd(type))
      .then([handled(event)]);
  });

  it('refuses an alert that was never raised', () => {
    given([]).when(cmd(type)).thenThrows('ALERT_NOT_FOUND');
  });

  it('refuses a blank reason', () => {
    given([raised])
      .when(cmd(type, { reason: '  ' }))
      .thenThrows('REASON_REQUIRED');
  });

  it('near miss: trims the reason', () => {
    given([raised])
      .when(cmd(type, { reason: '  x ' }))
      .then([handled(event, 'x')]);
  });

  it('refuses anything after a dismissal: dismissed is final', () => {
    given([raised, handled('AlertDismissed')])
      .when(cmd(type))
      .thenThrows('ALERT_CLOSED');
  });

  it('refuses anything after a confirmation: confirmed is final', () => {
    given([raised, handled('AlertConfirmed')])
      .when(cmd(type))
      .thenThrows('ALERT_CLOSED');
  });

  it('refuses a date in the future', () => {
    given([raised])
      .when(cmd(type, { occurredAt: '2024-07-01' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });

  it('scopes the command to the unit of the alert; none before it exists', () => {
    expect(a.unitsTouched(cmd(type) as never, { raised: raised.data, status: 'open' })).toEqual([
      'u1',
    ]);
    expect(a.unitsTouched(cmd(type) as never, { raised: null, status: null })).toBeNull();
  });
});

describe('acknowledged, then', () => {
  const acked = [raised, handled('AlertAcknowledged')];

  it('refuses acknowledging twice', () => {
    specFor(acknowledgeAlert)(acked)
      .when(cmd('AcknowledgeAlert'))
      .thenThrows('ALERT_ALREADY_ACKNOWLEDGED');
  });

  it('near miss: may still be confirmed or dismissed', () => {
    specFor(confirmAlert)(acked)
      .when(cmd('ConfirmAlert'))
      .then([handled('AlertConfirmed')]);
    specFor(dismissAlert)(acked)
      .when(cmd('DismissAlert'))
      .then([handled('AlertDismissed')]);
  });
});
