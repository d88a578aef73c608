import 'reflect-metadata';
import { specFor } from '@libs/records/testing/fixtures';
import { alertId } from '../alert-id';
import { raiseAlert } from './raise-alert.action';

const given = specFor(raiseAlert);
const draft = {
  detector: 'after-death' as const,
  subject: { kind: 'resident' as const, id: 'r1' },
  period: 2024,
  score: 2,
  severity: 'high' as const,
  explanation: { zh: '死亡后仍有随访', en: 'follow-ups after death' },
  evidence: ['ev-2', 'ev-1'],
};
const raise = (over: Record<string, unknown> = {}) => ({
  type: 'RaiseAlert',
  occurredAt: '2024-06-30',
  unitId: 'u1',
  ...draft,
  ...over,
});
const raised = (over: Record<string, unknown> = {}) => ({
  type: 'AlertRaised',
  data: {
    alertId: alertId(draft),
    unitId: 'u1',
    ...draft,
    evidence: ['ev-1', 'ev-2'],
    occurredAt: '2024-06-30',
    ...over,
  },
});
const dismissed = {
  type: 'AlertDismissed',
  data: { alertId: alertId(draft), reason: 'death date was wrong', occurredAt: '2024-06-30' },
};

describe('RaiseAlert', () => {
  it('raises the alert with its evidence, sorted, under the id of detector, subject and evidence', () => {
    given([]).when(raise()).then([raised()]);
  });

  it('refuses an alert without evidence', () => {
    given([])
      .when(raise({ evidence: [] }))
      .thenThrows('ALERT_WITHOUT_EVIDENCE');
  });

  it('near miss: one evidence event is enough', () => {
    given([])
      .when(raise({ evidence: ['ev-1'] }))
      .then([raised({ alertId: alertId({ ...draft, evidence: ['ev-1'] }), evidence: ['ev-1'] })]);
  });

  it('de-duplicates: the same alert raised again produces nothing', () => {
    given([raised()]).when(raise()).then([]);
  });

  it('a dismissed alert is not raised again for the same evidence', () => {
    given([raised(), dismissed]).when(raise()).then([]);
  });

  it('near miss: other evidence is another alert (another stream)', () => {
    const other = { ...draft, evidence: ['ev-1', 'ev-3'] };
    expect(alertId(other)).not.toBe(alertId(draft));
    expect(alertId({ ...draft, evidence: ['ev-1', 'ev-2'] })).toBe(alertId(draft));
    expect(alertId(draft)).toMatch(/^[0-9a-f]{16}$/);
    expect(raiseAlert.stream(raise() as never)).toBe(`alert-${alertId(draft)}`);
  });
});
