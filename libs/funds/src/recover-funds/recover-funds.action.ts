import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import {
  CommandRequest,
  IsId,
  action,
  assertNotInFuture,
  refuse,
  type Decision,
} from '@libs/records';
import {
  type FundsEvent,
  type FundsState,
  evolveFunds,
  fundsStream,
  initialFundsState,
} from '../funds-events';
import { fen } from '../funds-facts';

const FEN = { message: '$property must be a whole number of fen / $property 须为整数（分）' };

export class RecoverFundsRequest extends CommandRequest {
  /** The unit taking money back: the payer of the original disbursements. */
  @IsId() unitId!: string;
  /** The unit paying it back. */
  @IsId() fromUnitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt(FEN) @Min(1) amountFen!: number;
  @IsString() @Length(1, 500) reason!: string;
}

/** Money taken back (e.g. after a failed verification): at most what the unit paid that payee, net. */
export function decideRecoverFunds(
  c: Decision<RecoverFundsRequest>,
  state: FundsState,
): FundsEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  if (!c.facts.unit?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.fromUnitId} 不存在`,
      `unit ${c.fromUnitId} does not exist`,
      {
        unitId: c.fromUnitId,
      },
    );
  const p = state.payees[c.fromUnitId];
  const recoverable = p ? p.paidFen - p.recoveredFen : 0;
  if (c.amountFen > recoverable)
    refuse(
      'RECOVERY_EXCEEDS_PAID',
      'unprocessable',
      `${c.year} 年向 ${c.fromUnitId} 净拨付 ${fen(recoverable)} 元，不能追回 ${fen(c.amountFen)} 元`,
      `${c.unitId} paid ${c.fromUnitId} ${fen(recoverable)} yuan net in ${c.year}; ${fen(c.amountFen)} cannot be recovered`,
      { recoverableFen: recoverable, amountFen: c.amountFen },
    );
  return [
    {
      type: 'FundsRecovered',
      data: {
        recoveryId: c.commandId,
        year: c.year,
        unitId: c.unitId,
        fromUnitId: c.fromUnitId,
        amountFen: c.amountFen,
        reason: c.reason.trim(),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const recoverFunds = action({
  type: 'RecoverFunds',
  summary: {
    zh: '追回已拨付资金（不超过净拨付额）',
    en: 'Recover disbursed funds (at most what was paid, net)',
  },
  request: RecoverFundsRequest,
  stream: (r) => fundsStream(r.unitId, r.year),
  decider: { initialState: initialFundsState, evolve: evolveFunds, decide: decideRecoverFunds },
  unitsTouched: (r) => [r.unitId, r.fromUnitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.fromUnitId) }),
});
