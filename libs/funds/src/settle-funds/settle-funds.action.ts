import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { OrgUnitState } from '@libs/records';
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
  PERFORMANCE_KINDS,
  evolveFunds,
  fundsStream,
  initialFundsState,
} from '../funds-events';
import { type FundsFacts, type FundsPorts, loadSealFact } from '../funds-facts';

export class SettleFundsRequest extends CommandRequest {
  /** The paying unit, whose stream holds what it paid. */
  @IsId() unitId!: string;
  /** The payee whose year is closed. */
  @IsId() toUnitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  /** The seal of the evaluation the settlement closes on. */
  @IsOptional() @IsId() sealId?: string;
  @IsString() @Length(1, 500) note!: string;
}

export interface SettleFacts extends FundsFacts {
  payee?: OrgUnitState;
}

/**
 * Closes the year between a payer and a payee: what was pre-disbursed, earned by performance,
 * deducted and recovered, on the record. Moves no money; afterwards no more disbursements to
 * that payee for that year are accepted (a recovery still is).
 */
export function decideSettleFunds(
  c: Decision<SettleFundsRequest>,
  state: FundsState,
): FundsEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  const facts = c.facts as SettleFacts;
  if (!facts.payee?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.toUnitId} 不存在`,
      `unit ${c.toUnitId} does not exist`,
      {
        unitId: c.toUnitId,
      },
    );
  if (!c.sealId)
    refuse(
      'SEAL_REQUIRED',
      'unprocessable',
      '结算须引用考核封存',
      'a settlement must cite the seal of the evaluation',
      {},
    );
  if (!facts.seal?.found)
    refuse(
      'SEAL_NOT_FOUND',
      'not_found',
      `封存 ${c.sealId} 不存在`,
      `seal ${c.sealId} does not exist`,
      {
        sealId: c.sealId,
      },
    );
  const seal = facts.seal as Extract<FundsFacts['seal'], { found: true }>;
  if (!seal.figures.some((r) => r.unitId === c.toUnitId))
    refuse(
      'FIGURE_NOT_IN_SEAL',
      'unprocessable',
      `封存 ${c.sealId} 中没有 ${c.toUnitId} 的数据`,
      `seal ${c.sealId} holds no figures for ${c.toUnitId}`,
      { sealId: c.sealId, unitId: c.toUnitId },
    );
  if (state.payees[c.toUnitId]?.settled)
    refuse(
      'ALREADY_SETTLED',
      'conflict',
      `${c.toUnitId} ${c.year} 年已结算`,
      `${c.toUnitId}'s ${c.year} is already settled`,
      {
        toUnitId: c.toUnitId,
      },
    );
  let preDisbursedFen = 0;
  let performanceFen = 0;
  let penaltyFen = 0;
  for (const e of state.events) {
    if (e.type !== 'FundsDisbursed' || e.data.toUnitId !== c.toUnitId) continue;
    if (e.data.kind === 'pre_disbursement') preDisbursedFen += e.data.amountFen;
    else if (e.data.kind === 'penalty') penaltyFen += e.data.amountFen;
    else if (PERFORMANCE_KINDS.includes(e.data.kind)) performanceFen += e.data.amountFen;
  }
  const recoveredFen = state.payees[c.toUnitId]?.recoveredFen ?? 0;
  if (preDisbursedFen + performanceFen + penaltyFen === 0)
    refuse(
      'NOTHING_TO_SETTLE',
      'unprocessable',
      `未向 ${c.toUnitId} 拨付过资金`,
      `nothing was disbursed to ${c.toUnitId}`,
      {
        toUnitId: c.toUnitId,
      },
    );
  return [
    {
      type: 'FundsSettled',
      data: {
        settlementId: c.commandId,
        year: c.year,
        unitId: c.unitId,
        toUnitId: c.toUnitId,
        sealId: c.sealId!,
        preDisbursedFen,
        performanceFen,
        penaltyFen,
        recoveredFen,
        netFen: preDisbursedFen + performanceFen - recoveredFen,
        note: c.note.trim(),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const settleFunds = (ports: FundsPorts) =>
  action({
    type: 'SettleFunds',
    summary: {
      zh: '年度资金结算（依据考核封存，结清预拨、绩效、扣减与追回）',
      en: "Settle a payee's year on a seal (pre-disbursed, earned, deducted, recovered)",
    },
    request: SettleFundsRequest,
    stream: (r) => fundsStream(r.unitId, r.year),
    decider: { initialState: initialFundsState, evolve: evolveFunds, decide: decideSettleFunds },
    unitsTouched: (r) => [r.unitId, r.toUnitId],
    facts: async (r, lookup) => ({
      unit: await lookup.unit(r.unitId),
      payee: await lookup.unit(r.toUnitId),
      seal: await loadSealFact(ports.store, r.sealId),
    }),
  });
