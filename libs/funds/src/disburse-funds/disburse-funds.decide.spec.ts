import 'reflect-metadata';
import { parseCommand } from '@libs/records';
import { specFor, unit } from '@libs/records/testing/fixtures';
import type { FundsEvent } from '../funds-events';
import type { FundsFacts } from '../funds-facts';
import { disburseFunds } from './disburse-funds.action';

const cell = (numerator: number) => ({
  numerator,
  denominator: numerator * 2,
  rate: 0.5,
  target: null,
  status: 'behind' as const,
});
const seal: FundsFacts['seal'] = {
  sealId: '2024-c1-42',
  found: true,
  period: 2024,
  figures: [
    {
      unitId: 'v1',
      unitName: 'v1',
      total: false,
      cells: { signing_elderly: cell(120), signing_disabled: cell(7), signing_overall: cell(900) },
    },
    { unitId: 'c1', unitName: '合计 c1', total: true, cells: { signing_elderly: cell(300) } },
  ],
};
const facts = {
  unit: unit('c1'),
  payee: unit('v1', 'station'),
  seal,
  flows: { receivedFen: 0, paidBackFen: 0 },
};
const base = specFor(disburseFunds({ store: undefined as never }), facts);
const given = (g: unknown[]) => ({
  when: (r: Record<string, unknown>, x: Record<string, unknown> = {}) =>
    base(g).when(r, x as never),
});

const allocated = (amountFen = 1_000_000): FundsEvent => ({
  type: 'FundsAllocated',
  data: {
    allocationId: 'a1',
    year: 2024,
    unitId: 'c1',
    sourceLevel: 'district',
    amountFen,
    occurredAt: '2024-02-01',
  },
});
const disburse = (over: Record<string, unknown> = {}) => ({
  type: 'DisburseFunds',
  fromUnitId: 'c1',
  toUnitId: 'v1',
  year: 2024,
  kind: 'pre_disbursement',
  amountFen: 700_000,
  note: '预拨 70%',
  occurredAt: '2024-02-20',
  ...over,
});
const disbursed = (
  over: Record<string, unknown> = {},
  basis: Record<string, unknown> = { note: '预拨 70%' },
) => [
  {
    type: 'FundsDisbursed',
    data: {
      disbursementId: 'cmd-1',
      year: 2024,
      fromUnitId: 'c1',
      toUnitId: 'v1',
      kind: 'pre_disbursement',
      amountFen: 700_000,
      basis,
      occurredAt: '2024-02-20',
      ...over,
    },
  },
];
const pkg = (over: Record<string, unknown> = {}) =>
  disburse({
    kind: 'contract_package',
    sealId: '2024-c1-42',
    indicator: 'signing_elderly',
    amountFen: 360_000,
    note: '签约服务包',
    ...over,
  });

const CATALOG = new Map([['DisburseFunds', disburseFunds({ store: undefined as never })]]);

describe('DisburseFunds', () => {
  it('records a pre-disbursement within the balance', () => {
    given([allocated()]).when(disburse()).then(disbursed());
  });

  it('refuses more than the available balance', () => {
    given([allocated()])
      .when(disburse({ amountFen: 1_000_001 }))
      .thenThrows('INSUFFICIENT_BALANCE');
  });

  it('near miss: exactly the balance, counting money received and recovered from other streams', () => {
    given([allocated(400_000)])
      .when(disburse({ amountFen: 1_000_000 }), {
        flows: { receivedFen: 700_000, paidBackFen: 100_000 },
      })
      .then(disbursed({ amountFen: 1_000_000 }));
    given([allocated(400_000)])
      .when(disburse({ amountFen: 1_000_001 }), {
        flows: { receivedFen: 700_000, paidBackFen: 100_000 },
      })
      .thenThrows('INSUFFICIENT_BALANCE');
  });

  it('near miss: a penalty moves no money, so it needs no balance', () => {
    given([])
      .when(
        disburse({
          kind: 'penalty',
          sealId: '2024-c1-42',
          indicator: 'signing_overall',
          amountFen: 5000,
          note: '扣减',
        }),
      )
      .then(
        disbursed(
          { kind: 'penalty', amountFen: 5000 },
          { note: '扣减', sealId: '2024-c1-42', indicator: 'signing_overall' },
        ),
      );
  });

  it.each(['settlement', 'reward', 'penalty', 'contract_package', 'disabled_checkup'])(
    'refuses a %s payment that cites no seal or no figure',
    (kind) => {
      given([allocated()]).when(disburse({ kind })).thenThrows('SEAL_REQUIRED');
      given([allocated()])
        .when(disburse({ kind, sealId: '2024-c1-42' }))
        .thenThrows('SEAL_REQUIRED');
    },
  );

  it('near miss: a settlement citing a seal and a figure in the payee’s row', () => {
    given([allocated()])
      .when(disburse({ kind: 'settlement', sealId: '2024-c1-42', indicator: 'signing_overall' }))
      .then(
        disbursed(
          { kind: 'settlement' },
          { note: '预拨 70%', sealId: '2024-c1-42', indicator: 'signing_overall' },
        ),
      );
  });

  it('refuses a seal that does not exist', () => {
    given([allocated()])
      .when(disburse({ kind: 'reward', sealId: '2024-c1-43', indicator: 'signing_overall' }), {
        seal: { sealId: '2024-c1-43', found: false },
      })
      .thenThrows('SEAL_NOT_FOUND');
  });

  it('refuses a figure not in the payee’s row of the seal (near miss: the indicator is in another row)', () => {
    given([allocated()])
      .when(disburse({ kind: 'reward', sealId: '2024-c1-42', indicator: 'no_such' }))
      .thenThrows('FIGURE_NOT_IN_SEAL');
    given([allocated()])
      .when(
        disburse({
          kind: 'reward',
          toUnitId: 'c1',
          fromUnitId: 'dist',
          sealId: '2024-c1-42',
          indicator: 'signing_overall',
        }),
        {
          unit: unit('dist', 'district'),
          payee: unit('c1'),
        },
      )
      .thenThrows('FIGURE_NOT_IN_SEAL');
  });

  it('refuses a seal of another year', () => {
    given([allocated()])
      .when(
        disburse({
          kind: 'reward',
          sealId: '2024-c1-42',
          indicator: 'signing_overall',
          year: 2023,
        }),
      )
      .thenThrows('SEAL_OF_ANOTHER_YEAR');
  });

  it('contract package: sealed signed count × 30 yuan', () => {
    given([allocated()])
      .when(pkg())
      .then(
        disbursed(
          { kind: 'contract_package', amountFen: 360_000 },
          {
            note: '签约服务包',
            sealId: '2024-c1-42',
            indicator: 'signing_elderly',
            count: 120,
            rateFen: 3000,
          },
        ),
      );
  });

  it('refuses a contract package one fen off the sealed count × 30 yuan', () => {
    given([allocated()])
      .when(pkg({ amountFen: 360_001 }))
      .thenThrows('AMOUNT_MISMATCH');
    given([allocated()])
      .when(pkg({ amountFen: 359_999 }))
      .thenThrows('AMOUNT_MISMATCH');
  });

  it('refuses a contract package resting on a figure that is not a key-population signing', () => {
    given([allocated()])
      .when(pkg({ indicator: 'signing_overall', amountFen: 2_700_000 }))
      .thenThrows('FIGURE_NOT_FOR_KIND');
  });

  it('disabled checkup: sealed signed disabled count × 100 yuan (near miss: one fen more)', () => {
    const checkup = (amountFen: number) =>
      disburse({
        kind: 'disabled_checkup',
        sealId: '2024-c1-42',
        indicator: 'signing_disabled',
        amountFen,
        note: '残疾人体检',
      });
    given([allocated()])
      .when(checkup(70_000))
      .then(
        disbursed(
          { kind: 'disabled_checkup', amountFen: 70_000 },
          {
            note: '残疾人体检',
            sealId: '2024-c1-42',
            indicator: 'signing_disabled',
            count: 7,
            rateFen: 10000,
          },
        ),
      );
    given([allocated()]).when(checkup(70_001)).thenThrows('AMOUNT_MISMATCH');
    given([allocated()])
      .when(
        disburse({
          kind: 'disabled_checkup',
          sealId: '2024-c1-42',
          indicator: 'signing_elderly',
          amountFen: 1_200_000,
          note: 'x',
        }),
      )
      .thenThrows('FIGURE_NOT_FOR_KIND');
  });

  it('refuses paying a payee whose year is settled', () => {
    const settled: FundsEvent = {
      type: 'FundsSettled',
      data: {
        settlementId: 's1',
        year: 2024,
        unitId: 'c1',
        toUnitId: 'v1',
        sealId: '2024-c1-42',
        preDisbursedFen: 0,
        performanceFen: 0,
        penaltyFen: 0,
        recoveredFen: 0,
        netFen: 0,
        note: 'x',
        occurredAt: '2024-03-01',
      },
    };
    given([allocated(), settled]).when(disburse()).thenThrows('YEAR_SETTLED');
  });

  it('refuses an unknown payee and paying oneself', () => {
    given([allocated()]).when(disburse(), { payee: undefined }).thenThrows('UNIT_NOT_FOUND');
    given([allocated()])
      .when(disburse({ toUnitId: 'c1' }), { payee: unit('c1') })
      .thenThrows('SAME_UNIT');
  });

  it('the request refuses fractions of a fen', () => {
    expect(() =>
      parseCommand({ ...disburse({ amountFen: 0.5 }), commandId: 'x' }, CATALOG),
    ).toThrow();
    expect(() => parseCommand({ ...disburse(), commandId: 'x' }, CATALOG)).not.toThrow();
  });
});
