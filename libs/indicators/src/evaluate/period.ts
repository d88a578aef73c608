import type { AsOfBasis } from '../model/event-ref';

/** An evaluation period by world time (occurredAt), seen as the ledger knew it at `asOf`. */
export interface Period {
  year: number;
  start: string;
  end: string;
  /** The day figures are taken on: the period's end, or the asOf day if earlier. */
  day: string;
  /** Ledger time filter (recordedAt ≤ asOf); null: everything known now. */
  asOf: string | null;
  /** Which clock asOf reads (see AsOfBasis); absent: the ledger's. */
  asOfBasis?: AsOfBasis;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

export function periodOf(
  year: number,
  asOf: string | null,
  today: string,
  asOfBasis: AsOfBasis = 'ledger',
): Period {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const limit = asOf
    ? new Date(Date.parse(asOf) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
    : today;
  return { year, start, end, day: limit < end ? limit : end, asOf, asOfBasis };
}

/** asOf given as a date means "known by the end of that day, China time". */
export function asOfInstant(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(Date.parse(`${value}T23:59:59.999+08:00`)).toISOString()
    : new Date(value).toISOString();
}
