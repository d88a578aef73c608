import 'reflect-metadata';
import { specFor } from '@libs/records/testing/fixtures';
import { listAlert } from './list-alert.action';

const given = specFor(listAlert);
const list = (alertId = '0123456789abcdef') => ({
  type: 'ListAlert',
  alertId,
  unitId: 'u1',
  detector: 'workload',
  severity: 'medium',
  period: 2024,
  occurredAt: '2024-06-30',
});
const listed = (alertId = '0123456789abcdef') => ({
  type: 'AlertListed',
  data: {
    alertId,
    unitId: 'u1',
    detector: 'workload',
    severity: 'medium',
    period: 2024,
    occurredAt: '2024-06-30',
  },
});

describe('ListAlert', () => {
  it('lists a new alert in the directory', () => {
    given([]).when(list()).then([listed()]);
  });

  it('lists each alert once', () => {
    given([listed()]).when(list()).then([]);
  });

  it('near miss: another alert is listed beside it', () => {
    given([listed()])
      .when(list('fedcba9876543210'))
      .then([listed('fedcba9876543210')]);
  });
});
