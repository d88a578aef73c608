import { IsISO8601, IsInt, IsString, Length, Max, Min } from 'class-validator';
import {
  CommandRequest,
  IsId,
  action,
  assertNotInFuture,
  refuse,
  type Decision,
} from '@libs/records';
import { lockExceptionsStream } from '../locks/lock-streams';

/** Like DHIS2's lock exceptions, but short-lived and on the record: at most 90 days. */
export const MAX_EXCEPTION_DAYS = 90;

export class GrantLockExceptionRequest extends CommandRequest {
  /** The unit (and its sub-units) that may record again in the sealed year. */
  @IsId() unitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsString() @Length(1, 500) reason!: string;
  /** Ledger time after which the lock holds again (an ISO date-time). */
  @IsISO8601(
    { strict: true },
    { message: '$property must be an ISO 8601 date-time / $property 须为 ISO 8601 时间' },
  )
  expiresAt!: string;
}

export type LockExceptionEvent = {
  type: 'LockExceptionGranted';
  data: {
    exceptionId: string;
    unitId: string;
    year: number;
    reason: string;
    expiresAt: string;
    occurredAt: string;
  };
};

export interface LockExceptionsState {
  granted: string[];
}

export function decideGrantLockException(
  c: Decision<GrantLockExceptionRequest>,
  _state: LockExceptionsState,
): LockExceptionEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  if (!c.facts.unit?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.unitId} 不存在`,
      `unit ${c.unitId} does not exist`,
      { unitId: c.unitId },
    );
  if (c.reason.trim() === '')
    refuse('REASON_REQUIRED', 'unprocessable', '须说明理由', 'a reason is required', {});
  const expires = Date.parse(c.expiresAt);
  const now = Date.parse(c.now);
  if (expires <= now) {
    refuse(
      'EXPIRY_NOT_IN_FUTURE',
      'unprocessable',
      `到期时间 ${c.expiresAt} 已过`,
      `expiresAt ${c.expiresAt} is not after now (${c.now})`,
      { expiresAt: c.expiresAt, now: c.now },
    );
  }
  if (expires - now > MAX_EXCEPTION_DAYS * 86_400_000) {
    refuse(
      'EXCEPTION_TOO_LONG',
      'unprocessable',
      `锁定例外最长 ${MAX_EXCEPTION_DAYS} 天`,
      `a lock exception may last at most ${MAX_EXCEPTION_DAYS} days`,
      {
        expiresAt: c.expiresAt,
        maxDays: MAX_EXCEPTION_DAYS,
      },
    );
  }
  return [
    {
      type: 'LockExceptionGranted',
      data: {
        exceptionId: c.commandId,
        unitId: c.unitId,
        year: c.year,
        reason: c.reason.trim(),
        expiresAt: new Date(expires).toISOString(),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const grantLockException = action({
  type: 'GrantLockException',
  summary: {
    zh: '授予已封存期间的锁定例外（范围、理由、到期时间）',
    en: 'Grant an exception to a sealed period’s lock (scope, reason, expiry)',
  },
  request: GrantLockExceptionRequest,
  stream: (r) => lockExceptionsStream(r.year),
  decider: {
    initialState: (): LockExceptionsState => ({ granted: [] }),
    evolve: (s: LockExceptionsState, e: LockExceptionEvent) => ({
      granted: [...s.granted, e.data.exceptionId],
    }),
    decide: decideGrantLockException,
  },
  unitsTouched: (r) => [r.unitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
