import { chinaDay, refuse } from '@libs/records';
import type { LockExceptionFact, SealFact } from './lock-streams';

export interface LockQuestion {
  /** The world days the command touches: its own occurredAt, and for a correction or void the record's. */
  days: string[];
  /** The resident's unit(s) and every ancestor: a seal or exception on any of them applies. */
  chain: string[];
  seals: SealFact[];
  exceptions: LockExceptionFact[];
  /** Ledger time: an exception counts only before it expires. */
  now: string;
}

export type LockVerdict =
  | { locked: false; exceptions: LockExceptionFact[] }
  | { locked: true; day: string; year: number; seal: SealFact };

/** Pure: is any touched day inside a sealed year of one of these units, with no live exception? */
export function lockDecision(q: LockQuestion): LockVerdict {
  const used: LockExceptionFact[] = [];
  const now = Date.parse(q.now);
  for (const day of [...new Set(q.days.map(chinaDay))].sort()) {
    const year = Number(day.slice(0, 4));
    const seal = q.seals.find((s) => s.year === year && q.chain.includes(s.unitId));
    if (!seal) continue;
    const exception = q.exceptions.find(
      (x) => x.year === year && q.chain.includes(x.unitId) && now < Date.parse(x.expiresAt),
    );
    if (!exception) return { locked: true, day, year, seal };
    if (!used.includes(exception)) used.push(exception);
  }
  return { locked: false, exceptions: used };
}

/** PERIOD_LOCKED (422) in Chinese and English, naming the seal. */
export function assertNotLocked(verdict: LockVerdict): void {
  if (!verdict.locked) return;
  const { day, year, seal } = verdict;
  refuse(
    'PERIOD_LOCKED',
    'unprocessable',
    `${year} 年度已由 ${seal.unitId} 封存（${seal.sealedAt}），${day} 的记录不能再录入、更正或作废；如确需补录，请由督导人员授予锁定例外`,
    `the ${year} period was sealed for ${seal.unitId} at ${seal.sealedAt}: records dated ${day} can no longer be added, corrected or voided unless a supervisor grants a lock exception`,
    { year, day, sealedUnit: seal.unitId, sealedAt: seal.sealedAt, sealPosition: seal.position },
  );
}
