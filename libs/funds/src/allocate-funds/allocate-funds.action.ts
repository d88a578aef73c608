import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
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
  SOURCE_LEVELS,
  type SourceLevel,
  evolveFunds,
  fundsStream,
  initialFundsState,
} from '../funds-events';

const FEN = { message: '$property must be a whole number of fen / $property 须为整数（分）' };

export class AllocateFundsRequest extends CommandRequest {
  /** The unit the funds are allocated to. */
  @IsId() unitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsIn(SOURCE_LEVELS) sourceLevel!: SourceLevel;
  /** Integer fen (1 万元 = 1,000,000 fen). */
  @IsInt(FEN) @Min(1) amountFen!: number;
  /** The per-capita standard, fen per resident (89 yuan in 2023: 8900). */
  @IsOptional() @IsInt(FEN) @Min(1) perCapitaFen?: number;
  /** The resident population the allocation was computed on. */
  @IsOptional() @IsInt() @Min(1) populationBasis?: number;
}

export function decideAllocateFunds(
  c: Decision<AllocateFundsRequest>,
  state: FundsState,
): FundsEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  if (!c.facts.unit?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.unitId} 不存在`,
      `unit ${c.unitId} does not exist`,
      {
        unitId: c.unitId,
      },
    );
  if (state.ids.includes(c.commandId))
    refuse(
      'ALREADY_RECORDED',
      'conflict',
      `拨款 ${c.commandId} 已记录`,
      `allocation ${c.commandId} is already recorded`,
      {},
    );
  return [
    {
      type: 'FundsAllocated',
      data: {
        allocationId: c.commandId,
        year: c.year,
        unitId: c.unitId,
        sourceLevel: c.sourceLevel,
        amountFen: c.amountFen,
        ...(c.perCapitaFen !== undefined ? { perCapitaFen: c.perCapitaFen } : {}),
        ...(c.populationBasis !== undefined ? { populationBasis: c.populationBasis } : {}),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const allocateFunds = action({
  type: 'AllocateFunds',
  summary: {
    zh: '下达基本公卫资金（年度、来源层级、金额（分）、人均标准、人口基数）',
    en: 'Allocate funds to a unit (year, source level, amount in fen, per-capita standard, population)',
  },
  request: AllocateFundsRequest,
  stream: (r) => fundsStream(r.unitId, r.year),
  decider: { initialState: initialFundsState, evolve: evolveFunds, decide: decideAllocateFunds },
  unitsTouched: (r) => [r.unitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
