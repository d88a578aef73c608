import type { RecordedEvent } from '@libs/ledger';
import type { FundsFacts } from './funds-facts';

/** The event types of fund streams (see funds-events). */
export const FUND_EVENT_TYPES = new Set([
  'FundsAllocated',
  'FundsDisbursed',
  'FundsSettled',
  'FundsRecovered',
]);

type Flows = NonNullable<FundsFacts['flows']>;

/**
 * The funds read model: every fund event by year and by id, and each unit's flows from other
 * units' streams, kept as the log is followed. The fund table, a disbursement's trace and the
 * balance check of DisburseFunds read it instead of scanning the log (a district's year is over
 * a million events, and fund events a few hundred of them). Applying an event twice, or an
 * older one, changes nothing: the book remembers the last position it applied.
 */
export class FundBook {
  position = 0;
  private readonly byYear = new Map<number, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly flowsOf = new Map<string, Flows>();

  apply(e: RecordedEvent): boolean {
    if (e.position <= this.position) return false;
    this.position = e.position;
    if (!FUND_EVENT_TYPES.has(e.type)) return true;
    const d = e.data as { year?: unknown; amountFen?: unknown; kind?: unknown };
    const year = Number(d.year);
    const list = this.byYear.get(year) ?? [];
    list.push(e);
    this.byYear.set(year, list);
    this.byId.set(e.eventId, e);
    if (typeof d.amountFen !== 'number') return true;
    // Received and paid back, as loadFlows counts them: penalties move no money.
    if (e.type === 'FundsDisbursed' && d.kind !== 'penalty')
      this.flow(e.data.toUnitId, year).receivedFen += d.amountFen;
    if (e.type === 'FundsRecovered') this.flow(e.data.fromUnitId, year).paidBackFen += d.amountFen;
    return true;
  }

  /** A year's fund events in log order. */
  events(year: number): readonly RecordedEvent[] {
    return this.byYear.get(year) ?? [];
  }

  /** A fund event by id. */
  find(eventId: string): RecordedEvent | undefined {
    return this.byId.get(eventId);
  }

  /** Money other units' streams moved to (and back from) a unit in a year. */
  flows(unitId: string, year: number): Flows {
    return { ...(this.flowsOf.get(`${unitId}|${year}`) ?? { receivedFen: 0, paidBackFen: 0 }) };
  }

  private flow(unitId: unknown, year: number): Flows {
    const key = `${String(unitId)}|${year}`;
    let f = this.flowsOf.get(key);
    if (!f) this.flowsOf.set(key, (f = { receivedFen: 0, paidBackFen: 0 }));
    return f;
  }
}
