import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { catalogForPeriod } from '@libs/indicators';
import {
  CommandRequest,
  IsId,
  action,
  assertNotInFuture,
  chinaDay,
  refuse,
  type Decision,
} from '@libs/records';

/** The stream of what one unit reported for one year; each submission is kept. */
export const reportStream = (unitId: string, year: number) => `report-${unitId}-${year}`;

export class ClaimLine {
  @IsId() indicator!: string;
  @IsInt() @Min(0) @Max(100_000_000) numerator!: number;
  @IsInt() @Min(0) @Max(100_000_000) denominator!: number;
}

export class SubmitAggregateReportRequest extends CommandRequest {
  @IsId() unitId!: string;
  /** The evaluation year the figures are for. */
  @IsInt() @Min(2000) @Max(2100) period!: number;
  /** The day the figures are taken on (default: the day of submission, or the year's end). */
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: '$property must be an ISO 8601 date / $property 须为 ISO 8601 日期' },
  )
  asOfDay?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ClaimLine)
  claims!: ClaimLine[];
}

export interface Claim {
  indicator: string;
  numerator: number;
  denominator: number;
}

export type ReportEvent = {
  type: 'AggregateReportSubmitted';
  data: {
    reportId: string;
    unitId: string;
    period: number;
    asOfDay: string | null;
    claims: Claim[];
    occurredAt: string;
  };
};

export function decideSubmitAggregateReport(
  c: Decision<SubmitAggregateReportRequest>,
  _state: { reports: number },
): ReportEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  if (!c.facts.unit?.registered)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.unitId} 不存在`,
      `unit ${c.unitId} does not exist`,
      { unitId: c.unitId },
    );
  if (c.asOfDay) assertNotInFuture(c.asOfDay, c.now);
  const known = new Set((catalogForPeriod(c.period)?.indicators ?? []).map((d) => d.id));
  const unknown = c.claims.map((x) => x.indicator).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    refuse(
      'UNKNOWN_INDICATOR',
      'unprocessable',
      `${c.period} 年指标目录中没有：${unknown.join(', ')}`,
      `not in the ${c.period} indicator catalog: ${unknown.join(', ')}`,
      { unknown },
    );
  }
  const ids = c.claims.map((x) => x.indicator);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0)
    refuse(
      'CLAIM_REPEATED',
      'unprocessable',
      `指标重复：${repeated.join(', ')}`,
      `indicator claimed twice: ${repeated.join(', ')}`,
      { repeated },
    );
  const over = c.claims.filter((x) => x.numerator > x.denominator).map((x) => x.indicator);
  if (over.length > 0) {
    refuse(
      'CLAIM_NUMERATOR_ABOVE_DENOMINATOR',
      'unprocessable',
      `完成数大于基数：${over.join(', ')}`,
      `numerator above denominator: ${over.join(', ')}`,
      { indicators: over },
    );
  }
  const claims = c.claims.map(({ indicator, numerator, denominator }) => ({
    indicator,
    numerator,
    denominator,
  }));
  return [
    {
      type: 'AggregateReportSubmitted',
      data: {
        reportId: c.commandId,
        unitId: c.unitId,
        period: c.period,
        asOfDay: c.asOfDay ? chinaDay(c.asOfDay) : null,
        claims,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const submitAggregateReport = action({
  type: 'SubmitAggregateReport',
  summary: {
    zh: '上报汇总数据（各指标完成数与基数）',
    en: 'Submit an aggregate report: numerator and denominator per indicator',
  },
  request: SubmitAggregateReportRequest,
  stream: (r) => reportStream(r.unitId, r.period),
  decider: {
    initialState: () => ({ reports: 0 }),
    evolve: (s: { reports: number }, _e: ReportEvent) => ({ reports: s.reports + 1 }),
    decide: decideSubmitAggregateReport,
  },
  unitsTouched: (r) => [r.unitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
