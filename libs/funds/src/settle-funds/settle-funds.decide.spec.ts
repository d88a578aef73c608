import 'reflect-metadata';
import { specFor, unit } from '@libs/records/testing/fixtures';
import type { FundsEvent } from '../funds-events';
import { settleFunds } from './settle-funds.action';

const seal = {
  sealId: '2024-c1-42',
  found: true as const,
  period: 2024,
  figures: [{ unitId: 'v1', unitName: 'v1', total: false, cells: {} }],
};
const base = specFor(settleFunds({ store: undefined as never }), {
  unit: unit('c1'),
  payee: unit('v1', 'station'),
  seal,
} as never);
const given = (g: unknown[]) => ({
  when: (r: Record<string, unknown>, x: Record<string, unknown> = {}) =>
    base(g).when(r, x as never),
});
const paid = (kind: string, amountFen: number, id = kind): FundsEvent => ({
  type: 'FundsDisbursed',
  data: {
    disbursementId: id,
    year: 2024,
    fromUnitId: 'c1',
    toUnitId: 'v1',
    kind: kind as never,
    amountFen,
    basis: { note: 'x' },
    occurredAt: '2024-02-01',
  },
});
const settle = (over: Record<string, unknown> = {}) => ({
  type: 'SettleFunds',
  unitId: 'c1',
  toUnitId: 'v1',
  year: 2024,
  sealId: '2024-c1-42',
  note: '年度结算',
  occurredAt: '2024-03-31',
  ...over,
});
const recovered: FundsEvent = {
  type: 'FundsRecovered',
  data: {
    recoveryId: 'r1',
    year: 2024,
    unitId: 'c1',
    fromUnitId: 'v1',
    amountFen: 1000,
    reason: 'x',
    occurredAt: '2024-03-01',
  },
};

describe('SettleFunds', () => {
  it('closes the year with pre-disbursed, earned, deducted and recovered amounts', () => {
    given([
      paid('pre_disbursement', 70_000),
      paid('settlement', 30_000),
      paid('penalty', 2000),
      recovered,
    ])
      .when(settle())
      .then([
        {
          type: 'FundsSettled',
          data: {
            settlementId: 'cmd-1',
            year: 2024,
            unitId: 'c1',
            toUnitId: 'v1',
            sealId: '2024-c1-42',
            preDisbursedFen: 70_000,
            performanceFen: 30_000,
            penaltyFen: 2000,
            recoveredFen: 1000,
            netFen: 99_000,
            note: '年度结算',
            occurredAt: '2024-03-31',
          },
        },
      ]);
  });
  it('refuses without a seal, or with one that does not exist', () => {
    given([paid('pre_disbursement', 1)])
      .when(settle({ sealId: undefined }))
      .thenThrows('SEAL_REQUIRED');
    given([paid('pre_disbursement', 1)])
      .when(settle(), { seal: { sealId: '2024-c1-42', found: false } } as never)
      .thenThrows('SEAL_NOT_FOUND');
  });
  it('refuses a seal without the payee’s row', () => {
    given([paid('pre_disbursement', 1)])
      .when(settle({ toUnitId: 'v2' }), { payee: unit('v2', 'station') })
      .thenThrows('FIGURE_NOT_IN_SEAL');
  });
  it('refuses settling twice, and settling nothing (near miss: one fen paid)', () => {
    const first = {
      type: 'FundsSettled',
      data: {
        settlementId: 's0',
        year: 2024,
        unitId: 'c1',
        toUnitId: 'v1',
        sealId: '2024-c1-42',
        preDisbursedFen: 1,
        performanceFen: 0,
        penaltyFen: 0,
        recoveredFen: 0,
        netFen: 1,
        note: 'x',
        occurredAt: '2024-03-01',
      },
    };
    given([paid('pre_disbursement', 1), first])
      .when(settle())
      .thenThrows('ALREADY_SETTLED');
    given([]).when(settle()).thenThrows('NOTHING_TO_SETTLE');
  });
});
