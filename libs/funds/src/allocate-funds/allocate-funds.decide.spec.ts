import 'reflect-metadata';
import { parseCommand } from '@libs/records';
import { NOW, specFor, unit } from '@libs/records/testing/fixtures';
import { fundTable } from '../fund-table';
import {
  type AllocateFundsRequest,
  allocateFunds,
  decideAllocateFunds,
} from './allocate-funds.action';
import { initialFundsState } from '../funds-events';

const given = specFor(allocateFunds, { unit: unit('shangdang', 'district') });
const allocate = (over: Record<string, unknown> = {}) => ({
  type: 'AllocateFunds',
  unitId: 'shangdang',
  year: 2023,
  sourceLevel: 'central',
  amountFen: 1_557_610_000,
  occurredAt: '2023-03-01',
  ...over,
});

const CATALOG = new Map([['AllocateFunds', allocateFunds]]);

describe('AllocateFunds', () => {
  it('records the allocation under the commandId', () => {
    given([])
      .when(allocate({ perCapitaFen: 8900, populationBasis: 289_873 }))
      .then([
        {
          type: 'FundsAllocated',
          data: {
            allocationId: 'cmd-1',
            year: 2023,
            unitId: 'shangdang',
            sourceLevel: 'central',
            amountFen: 1_557_610_000,
            perCapitaFen: 8900,
            populationBasis: 289_873,
            occurredAt: '2023-03-01',
          },
        },
      ]);
  });

  it('refuses an unknown unit', () => {
    given([]).when(allocate(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });

  it('the request refuses fractions of a fen; near miss: a whole number of fen', () => {
    expect(() =>
      parseCommand({ ...allocate({ amountFen: 1557.61 }), commandId: 'x' }, CATALOG),
    ).toThrow();
    expect(() => parseCommand({ ...allocate(), commandId: 'x' }, CATALOG)).not.toThrow();
  });

  it('Shangdang 2023: the four levels sum to 2579.872 万元, exactly, in fen', () => {
    // 1 万元 = 10,000 yuan = 1,000,000 fen.
    const levels = [
      ['central', 1_557_610_000], // 1557.61 万元
      ['provincial', 510_930_000], // 510.93
      ['municipal', 127_740_000], // 127.74
      ['district', 383_592_000], // 383.592
    ] as const;
    const events = levels.flatMap(([sourceLevel, amountFen], i) =>
      decideAllocateFunds(
        {
          ...(allocate({ sourceLevel, amountFen }) as never as AllocateFundsRequest),
          commandId: `alloc-${i}`,
          now: NOW,
          facts: { unit: unit('shangdang', 'district') },
        },
        initialFundsState(),
      ),
    );
    const [row] = fundTable(
      events.map((e, i) => ({ eventId: `e${i}`, occurredAt: '2023-03-01', ...e })),
    );
    expect(row.allocatedFen).toBe(2_579_872_000);
    expect(row.balanceFen).toBe(2_579_872_000);
    expect(Number.isInteger(row.allocatedFen)).toBe(true);
  });
});
