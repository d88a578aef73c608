import type { RecordedEvent } from '@libs/ledger';
import { FundBook } from './fund-book';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    eventId: `e${(position += 1)}`,
    position,
    type,
    streamId: `funds-${String(data.fromUnitId ?? data.unitId)}-${String(data.year)}`,
    revision: 0,
    occurredAt: '2024-03-01',
    recordedAt: '2024-03-01T02:00:00.000Z',
    actor: 'finance',
    hash: 'h',
    data,
  }) as unknown as RecordedEvent;

describe('FundBook', () => {
  const events = [
    event('FundsAllocated', { unitId: 'c1', year: 2024, amountFen: 500 }),
    event('ResidentRegistered', { residentId: 'r1' }),
    event('FundsDisbursed', {
      fromUnitId: 'd',
      toUnitId: 'c1',
      year: 2024,
      amountFen: 300,
      kind: 'settlement',
    }),
    event('FundsDisbursed', {
      fromUnitId: 'd',
      toUnitId: 'c1',
      year: 2024,
      amountFen: 50,
      kind: 'penalty',
    }),
    event('FundsDisbursed', {
      fromUnitId: 'd',
      toUnitId: 'c1',
      year: 2023,
      amountFen: 70,
      kind: 'reward',
    }),
    event('FundsRecovered', { fromUnitId: 'c1', unitId: 'd', year: 2024, amountFen: 20 }),
  ];

  it('keeps fund events by year and id, and flows as the log scan counts them', () => {
    const book = new FundBook();
    events.forEach((e) => book.apply(e));
    expect(book.events(2024).map((e) => e.type)).toEqual([
      'FundsAllocated',
      'FundsDisbursed',
      'FundsDisbursed',
      'FundsRecovered',
    ]);
    expect(book.find(events[2].eventId)).toBe(events[2]);
    expect(book.find(events[1].eventId)).toBeUndefined();
    // Penalties move no money; another year's payment is that year's.
    expect(book.flows('c1', 2024)).toEqual({ receivedFen: 300, paidBackFen: 20 });
    expect(book.flows('c1', 2023)).toEqual({ receivedFen: 70, paidBackFen: 0 });
    expect(book.flows('nobody', 2024)).toEqual({ receivedFen: 0, paidBackFen: 0 });
  });

  it('changes nothing when events are applied again', () => {
    const book = new FundBook();
    events.forEach((e) => book.apply(e));
    expect(events.map((e) => book.apply(e))).toEqual(events.map(() => false));
    expect(book.flows('c1', 2024)).toEqual({ receivedFen: 300, paidBackFen: 20 });
    expect(book.events(2024)).toHaveLength(4);
    expect(book.position).toBe(events[events.length - 1].position);
  });

  it('hands out copies of flows, so a caller cannot change the book', () => {
    const book = new FundBook();
    events.forEach((e) => book.apply(e));
    book.flows('c1', 2024).receivedFen = 1;
    expect(book.flows('c1', 2024).receivedFen).toBe(300);
  });
});
