import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
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
  CONTRACT_PACKAGE_FEN,
  CONTRACT_PACKAGE_INDICATORS,
  DISABLED_CHECKUP_FEN,
  DISABLED_CHECKUP_INDICATORS,
  DISBURSEMENT_KINDS,
  type DisbursementBasis,
  type DisbursementKind,
  type FundsEvent,
  type FundsState,
  SEALED_KINDS,
  evolveFunds,
  fundsStream,
  initialFundsState,
} from '../funds-events';
import {
  type FundsFacts,
  type FundsPorts,
  availableFen,
  fen,
  loadFlows,
  loadSealFact,
  sealedFigure,
} from '../funds-facts';

const FEN = { message: '$property must be a whole number of fen / $property 须为整数（分）' };

export class DisburseFundsRequest extends CommandRequest {
  /** The paying unit: the disbursement is appended to its stream, where its balance is checked. */
  @IsId() fromUnitId!: string;
  @IsId() toUnitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsIn(DISBURSEMENT_KINDS) kind!: DisbursementKind;
  @IsInt(FEN) @Min(1) amountFen!: number;
  /** The seal the payment rests on (settlement, reward, penalty, contract package, disabled checkup). */
  @IsOptional() @IsId() sealId?: string;
  /** The indicator in the seal whose figure (in the payee's row) the payment rests on. */
  @IsOptional() @IsId() indicator?: string;
  /** What the payment is based on, in words. */
  @IsString() @Length(1, 500) note!: string;
}

export interface DisburseFacts extends FundsFacts {
  payee?: OrgUnitState;
}

const PER_RESIDENT: Partial<
  Record<DisbursementKind, { fen: number; indicators: readonly string[] }>
> = {
  contract_package: { fen: CONTRACT_PACKAGE_FEN, indicators: CONTRACT_PACKAGE_INDICATORS },
  disabled_checkup: { fen: DISABLED_CHECKUP_FEN, indicators: DISABLED_CHECKUP_INDICATORS },
};

export function decideDisburseFunds(
  c: Decision<DisburseFundsRequest>,
  state: FundsState,
): FundsEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  const facts = c.facts as DisburseFacts;
  if (!facts.unit?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.fromUnitId} 不存在`,
      `unit ${c.fromUnitId} does not exist`,
      {
        unitId: c.fromUnitId,
      },
    );
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
  if (c.fromUnitId === c.toUnitId)
    refuse(
      'SAME_UNIT',
      'unprocessable',
      '不能拨付给本机构',
      'a unit cannot disburse to itself',
      {},
    );
  if (state.ids.includes(c.commandId))
    refuse(
      'ALREADY_RECORDED',
      'conflict',
      `拨付 ${c.commandId} 已记录`,
      `disbursement ${c.commandId} is already recorded`,
      {},
    );
  if (state.payees[c.toUnitId]?.settled)
    refuse(
      'YEAR_SETTLED',
      'conflict',
      `${c.toUnitId} ${c.year} 年资金已结算，不能再拨付`,
      `${c.toUnitId}'s ${c.year} funds are settled; nothing more can be disbursed`,
      { toUnitId: c.toUnitId, year: c.year },
    );
  const basis: DisbursementBasis = { note: c.note.trim() };
  if (SEALED_KINDS.includes(c.kind)) {
    if (!c.sealId || !c.indicator)
      refuse(
        'SEAL_REQUIRED',
        'unprocessable',
        `${c.kind} 须引用封存及其中的指标数据`,
        `a ${c.kind} payment must cite a seal and the figure in it that it rests on`,
        { kind: c.kind },
      );
    const figure = sealedFigure(facts, c.sealId!, c.toUnitId, c.indicator!);
    if (facts.seal?.found && facts.seal.period !== c.year)
      refuse(
        'SEAL_OF_ANOTHER_YEAR',
        'unprocessable',
        `封存 ${c.sealId} 属于 ${facts.seal.period} 年，不是 ${c.year} 年`,
        `seal ${c.sealId} is of ${facts.seal.period}, not ${c.year}`,
        { sealId: c.sealId, period: facts.seal.period, year: c.year },
      );
    basis.sealId = c.sealId;
    basis.indicator = c.indicator;
    const rule = PER_RESIDENT[c.kind];
    if (rule) {
      if (!rule.indicators.includes(c.indicator!))
        refuse(
          'FIGURE_NOT_FOR_KIND',
          'unprocessable',
          `${c.kind} 须依据以下指标之一：${rule.indicators.join('、')}`,
          `a ${c.kind} payment must rest on one of: ${rule.indicators.join(', ')}`,
          { kind: c.kind, indicator: c.indicator, allowed: rule.indicators },
        );
      const expected = figure.numerator * rule.fen;
      if (c.amountFen !== expected)
        refuse(
          'AMOUNT_MISMATCH',
          'unprocessable',
          `金额应为封存人数 ${figure.numerator} × ${fen(rule.fen)} 元 = ${fen(expected)} 元，而非 ${fen(c.amountFen)} 元`,
          `the amount must be the sealed count ${figure.numerator} × ${fen(rule.fen)} yuan = ${fen(expected)} yuan, not ${fen(c.amountFen)}`,
          {
            count: figure.numerator,
            rateFen: rule.fen,
            expectedFen: expected,
            amountFen: c.amountFen,
          },
        );
      basis.count = figure.numerator;
      basis.rateFen = rule.fen;
    }
  }
  if (c.kind !== 'penalty') {
    const available = availableFen(state, facts);
    if (c.amountFen > available)
      refuse(
        'INSUFFICIENT_BALANCE',
        'unprocessable',
        `${c.fromUnitId} 可用余额 ${fen(available)} 元，不足拨付 ${fen(c.amountFen)} 元`,
        `${c.fromUnitId} has ${fen(available)} yuan available, less than ${fen(c.amountFen)}`,
        { availableFen: available, amountFen: c.amountFen },
      );
  }
  return [
    {
      type: 'FundsDisbursed',
      data: {
        disbursementId: c.commandId,
        year: c.year,
        fromUnitId: c.fromUnitId,
        toUnitId: c.toUnitId,
        kind: c.kind,
        amountFen: c.amountFen,
        basis,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export async function loadDisburseFacts(
  r: DisburseFundsRequest,
  lookup: { unit(id: string): Promise<OrgUnitState> },
  ports: FundsPorts,
): Promise<DisburseFacts> {
  return {
    unit: await lookup.unit(r.fromUnitId),
    payee: await lookup.unit(r.toUnitId),
    flows:
      (await ports.fundBook?.())?.flows(r.fromUnitId, r.year) ??
      (await loadFlows(ports.store, r.fromUnitId, r.year)),
    seal: await loadSealFact(ports.store, r.sealId),
  };
}

export const disburseFunds = (ports: FundsPorts) =>
  action({
    type: 'DisburseFunds',
    summary: {
      zh: '拨付资金（预拨、结算、签约服务包、残疾人体检、奖励、扣减），依据封存的考核数据',
      en: 'Disburse funds from unit to unit (pre-disbursement, settlement, contract package, disabled checkup, reward, penalty)',
    },
    request: DisburseFundsRequest,
    stream: (r) => fundsStream(r.fromUnitId, r.year),
    decider: { initialState: initialFundsState, evolve: evolveFunds, decide: decideDisburseFunds },
    unitsTouched: (r) => [r.fromUnitId, r.toUnitId],
    facts: (r, lookup) => loadDisburseFacts(r, lookup, ports),
  });
