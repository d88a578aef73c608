import 'reflect-metadata';
import { specFor, unit } from '@libs/records/testing/fixtures';
import type { FundsEvent } from '../funds-events';
import { recoverFunds } from './recover-funds.action';

const given = specFor(recoverFunds, { unit: unit('v1', 'station') });
const paid: FundsEvent = {
  type: 'FundsDisbursed',
  data: {
    disbursementId: 'd1',
    year: 2024,
    fromUnitId: 'c1',
    toUnitId: 'v1',
    kind: 'pre_disbursement',
    amountFen: 70_000,
    basis: { note: 'x' },
    occurredAt: '2024-02-01',
  },
};
const recover = (amountFen: number) => ({
  type: 'RecoverFunds',
  unitId: 'c1',
  fromUnitId: 'v1',
  year: 2024,
  amountFen,
  reason: '核查不实',
  occurredAt: '2024-04-01',
});
const recovered = (amountFen: number, recoveryId = 'cmd-1'): FundsEvent => ({
  type: 'FundsRecovered',
  data: {
    recoveryId,
    year: 2024,
    unitId: 'c1',
    fromUnitId: 'v1',
    amountFen,
    reason: '核查不实',
    occurredAt: '2024-04-01',
  },
});

describe('RecoverFunds', () => {
  it('near miss: recovers exactly what was paid, net of earlier recoveries', () => {
    given([paid, recovered(20_000, 'r0')])
      .when(recover(50_000))
      .then([recovered(50_000)]);
  });
  it('refuses recovering more than was paid, net', () => {
    given([paid, recovered(20_000, 'r0')])
      .when(recover(50_001))
      .thenThrows('RECOVERY_EXCEEDS_PAID');
    given([]).when(recover(1)).thenThrows('RECOVERY_EXCEEDS_PAID');
  });
  it('refuses an unknown unit', () => {
    given([paid]).when(recover(1), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });
});
