import { type FundEventLike, fundTable, oneMonthAfter } from './fund-table';

let n = 0;
const ev = (type: string, occurredAt: string, data: Record<string, unknown>): FundEventLike => ({
  eventId: `e${(n += 1)}`,
  type,
  occurredAt,
  data: { year: 2024, ...data },
});
const alloc = (unitId: string, amountFen: number, on: string) =>
  ev('FundsAllocated', on, { unitId, sourceLevel: 'district', amountFen });
const pay = (fromUnitId: string, toUnitId: string, kind: string, amountFen: number, on: string) =>
  ev('FundsDisbursed', on, { fromUnitId, toUnitId, kind, amountFen, basis: { note: 'x' } });

describe('fund table', () => {
  it('per unit and year: allocated, received, by kind, earned, recovered, balance', () => {
    const rows = fundTable([
      alloc('c1', 1_000_000, '2024-02-01'),
      pay('c1', 'v1', 'pre_disbursement', 700_000, '2024-02-20'),
      pay('c1', 'v1', 'settlement', 200_000, '2024-06-30'),
      pay('c1', 'v1', 'reward', 10_000, '2024-06-30'),
      pay('c1', 'v1', 'penalty', 5_000, '2024-06-30'),
      ev('FundsRecovered', '2024-07-01', { unitId: 'c1', fromUnitId: 'v1', amountFen: 1_000 }),
    ]);
    const c1 = rows.find((r) => r.unitId === 'c1')!;
    const v1 = rows.find((r) => r.unitId === 'v1')!;
    expect(c1).toMatchObject({
      allocatedFen: 1_000_000,
      disbursedFen: 910_000,
      recoveredFen: 1_000,
      balanceFen: 91_000,
    });
    expect(c1.disbursedByKind).toMatchObject({
      pre_disbursement: 700_000,
      settlement: 200_000,
      reward: 10_000,
      penalty: 5_000,
    });
    expect(v1).toMatchObject({
      receivedFen: 910_000,
      earnedFen: 205_000,
      paidBackFen: 1_000,
      balanceFen: 909_000,
    });
    expect(c1.late).toEqual([]);
  });

  it('flags a pre-disbursement more than one month after the payer first received funds (near miss: on the last day)', () => {
    const onTime = pay('c1', 'v1', 'pre_disbursement', 1, '2024-03-01T10:00:00.000Z');
    const late = pay('c1', 'v2', 'pre_disbursement', 1, '2024-03-02');
    const [c1] = fundTable([alloc('c1', 10, '2024-02-01'), onTime, late]);
    expect(c1.late).toEqual([
      {
        eventId: late.eventId,
        toUnitId: 'v2',
        amountFen: 1,
        day: '2024-03-02',
        dueBy: '2024-03-01',
      },
    ]);
  });

  it('one month after the 31st is the end of the next month', () => {
    expect(oneMonthAfter('2024-01-31')).toBe('2024-02-29');
    expect(oneMonthAfter('2024-12-15')).toBe('2025-01-15');
  });
});
