import { chinaDay } from '@libs/records/rules/dates';
import { DISBURSEMENT_KINDS, type DisbursementKind, PERFORMANCE_KINDS } from './funds-events';

/** Enough of a recorded event for the fund table. */
export interface FundEventLike {
  eventId: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface FundRow {
  unitId: string;
  year: number;
  allocatedFen: number;
  receivedFen: number;
  disbursedByKind: Record<DisbursementKind, number>;
  /** Money out: every kind but penalty. */
  disbursedFen: number;
  /** As payee: settlement + reward + contract package + disabled checkup − penalty. */
  earnedFen: number;
  /** Taken back from its payees. */
  recoveredFen: number;
  /** Paid back to its payers. */
  paidBackFen: number;
  /** allocated + received − disbursed + recovered − paid back. */
  balanceFen: number;
  /** Pre-disbursements paid more than one month after the unit first received funds that year. */
  late: { eventId: string; toUnitId: string; amountFen: number; day: string; dueBy: string }[];
}

const emptyKinds = () =>
  Object.fromEntries(DISBURSEMENT_KINDS.map((k) => [k, 0])) as Record<DisbursementKind, number>;

/** The China day of an occurredAt (dates pass through). */
const day = (iso: string) => chinaDay(iso);
/** The same day one month later (clamped to the month's end). */
export function oneMonthAfter(d: string): string {
  const [y, m, dd] = d.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(dd, last))).toISOString().slice(0, 10);
}

/** The fund table per unit and year, folded from fund events in log order. */
export function fundTable(events: Iterable<FundEventLike>): FundRow[] {
  const rows = new Map<string, FundRow>();
  const firstIn = new Map<string, string>();
  const pre: FundEventLike[] = [];
  const row = (unitId: string, year: number): FundRow => {
    const k = `${unitId}\u0000${year}`;
    let r = rows.get(k);
    if (!r) {
      r = {
        unitId,
        year,
        allocatedFen: 0,
        receivedFen: 0,
        disbursedByKind: emptyKinds(),
        disbursedFen: 0,
        earnedFen: 0,
        recoveredFen: 0,
        paidBackFen: 0,
        balanceFen: 0,
        late: [],
      };
      rows.set(k, r);
    }
    return r;
  };
  const inflow = (unitId: string, year: number, on: string) => {
    const k = `${unitId}\u0000${year}`;
    const d = day(on);
    if (!firstIn.has(k) || d < firstIn.get(k)!) firstIn.set(k, d);
  };
  for (const e of events) {
    const d = e.data;
    const year = d.year as number;
    const amount = d.amountFen as number;
    if (e.type === 'FundsAllocated') {
      row(d.unitId as string, year).allocatedFen += amount;
      inflow(d.unitId as string, year, e.occurredAt);
    } else if (e.type === 'FundsDisbursed') {
      const kind = d.kind as DisbursementKind;
      const from = row(d.fromUnitId as string, year);
      const to = row(d.toUnitId as string, year);
      from.disbursedByKind[kind] += amount;
      if (kind === 'penalty') to.earnedFen -= amount;
      else {
        from.disbursedFen += amount;
        to.receivedFen += amount;
        inflow(d.toUnitId as string, year, e.occurredAt);
        if (PERFORMANCE_KINDS.includes(kind)) to.earnedFen += amount;
      }
      if (kind === 'pre_disbursement') pre.push(e);
    } else if (e.type === 'FundsRecovered') {
      row(d.unitId as string, year).recoveredFen += amount;
      row(d.fromUnitId as string, year).paidBackFen += amount;
    }
  }
  for (const e of pre) {
    const from = e.data.fromUnitId as string;
    const year = e.data.year as number;
    const first = firstIn.get(`${from}\u0000${year}`);
    if (!first) continue;
    const dueBy = oneMonthAfter(first);
    if (day(e.occurredAt) > dueBy)
      row(from, year).late.push({
        eventId: e.eventId,
        toUnitId: e.data.toUnitId as string,
        amountFen: e.data.amountFen as number,
        day: day(e.occurredAt),
        dueBy,
      });
  }
  for (const r of rows.values())
    r.balanceFen = r.allocatedFen + r.receivedFen - r.disbursedFen + r.recoveredFen - r.paidBackFen;
  return [...rows.values()].sort((a, b) =>
    a.year !== b.year ? a.year - b.year : a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0,
  );
}
