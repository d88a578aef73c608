import type { RecordedEvent } from '@libs/ledger';

/** Written by the seal command: one stream per sealed (year, unit). */
export const sealStream = (year: number, unitId: string) => `seal-${year}-${unitId}`;
/** Every exception to the locks of one year, in one short stream. */
export const lockExceptionsStream = (year: number) => `lock-exceptions-${year}`;

export interface SealFact {
  unitId: string;
  year: number;
  position: number | null;
  sealedAt: string;
}

export interface LockExceptionFact {
  exceptionId: string;
  unitId: string;
  year: number;
  reason: string;
  expiresAt: string;
  grantedBy: string;
  grantedAt: string;
}

/** Seals are another helper's events: read defensively (year from data.period, else the stream's). */
export function sealFactOf(e: RecordedEvent, year: number, unitId: string): SealFact | undefined {
  if (e.type !== 'PeriodSealed') return undefined;
  const d = e.data as Record<string, unknown>;
  const period = Number(typeof d.period === 'string' ? d.period.slice(0, 4) : d.period);
  return {
    unitId: typeof d.unitId === 'string' ? d.unitId : unitId,
    year: Number.isInteger(period) ? period : year,
    position: typeof d.position === 'number' ? d.position : null,
    sealedAt: typeof d.sealedAt === 'string' ? d.sealedAt : e.recordedAt,
  };
}

export function lockExceptionFactOf(e: RecordedEvent): LockExceptionFact | undefined {
  if (e.type !== 'LockExceptionGranted') return undefined;
  const d = e.data as Record<string, unknown>;
  return {
    exceptionId: d.exceptionId as string,
    unitId: d.unitId as string,
    year: d.year as number,
    reason: d.reason as string,
    expiresAt: d.expiresAt as string,
    grantedBy: e.actor,
    grantedAt: e.recordedAt,
  };
}
