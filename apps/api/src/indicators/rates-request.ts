import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import {
  AS_OF_BASES,
  AS_OF_MESSAGE,
  type AsOfBasis,
  YEAR_MESSAGE,
  YEAR_PATTERN,
  asOfInstant,
  isDateOrInstant,
} from '@libs/indicators';
import { IsId } from '@libs/records';
import { validatedQuery } from '../http/valid-query';

/**
 * A calendar date (a China day) or an ISO date-time, as commands take them: strict ISO 8601
 * alone also admits week and ordinal dates (2024-W10, 2024-065) that Date cannot read.
 */
function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: isDateOrInstant,
        defaultMessage: () => AS_OF_MESSAGE,
      },
    },
    options,
  );
}

/** `unit` alone: a unit and its sub-units (absent: the root of the caller's scope). */
export class UnitQuery {
  @IsOptional()
  @IsId()
  unit?: string;
}

/** `period` and `unit`: the figures routes without a point in ledger time. */
export class PeriodQuery {
  /** Evaluation year. Absent: the current year (China time); every answer names the year used. */
  @IsOptional()
  @Matches(YEAR_PATTERN, { message: YEAR_MESSAGE })
  period?: string;

  /** A unit and its sub-units; absent: the root of the caller's scope. */
  @IsOptional()
  @IsId()
  unit?: string;
}

/** …and `asOf`: what the ledger had recorded by then (or, with `asOfBasis=source`, anywhere). */
export class RatesQuery extends PeriodQuery {
  @IsOptional()
  @IsDateOrInstant()
  asOf?: string;

  /** Which clock asOf reads: ledger (default) or source (a migrated record's source time). */
  @IsOptional()
  @IsIn(AS_OF_BASES, {
    message: '$property must be ledger or source / $property 须为 ledger 或 source',
  })
  asOfBasis?: AsOfBasis;
}

export const LINEAGE_FILTERS = ['all', 'counted', 'not_counted'] as const;

export class LineageQuery extends RatesQuery {
  @IsOptional()
  @IsIn(LINEAGE_FILTERS)
  filter?: (typeof LINEAGE_FILTERS)[number];

  // Decorators run bottom-up and stop at the first failure: IsInt first, so "abc" is
  // "not an integer" rather than "above the maximum".
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(1_000_000)
  @IsInt()
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(500)
  @IsInt()
  pageSize?: number;
}

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

/** `format` alone, for downloads that take nothing else (a sample's field sheet). */
export class FormatQuery {
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

export class ExportQuery extends RatesQuery {
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

/** The raw shape, for callers that pass req.query straight through. */
export interface RatesParams {
  period?: string;
  unit?: string;
  asOf?: string;
  asOfBasis?: string;
}

/**
 * A validated query (or raw parameters, validated here as a RatesQuery) as the year, the
 * asOf instant and the unit. A missing period is the current year: `defaultYear`.
 */
export function parseRatesParams(
  params: RatesParams | PeriodQuery,
  defaultYear: number,
): { year: number; asOf: string | null; asOfBasis: AsOfBasis; unit?: string } {
  const q: RatesQuery = params instanceof PeriodQuery ? params : validatedQuery(RatesQuery, params);
  return {
    year: q.period === undefined ? defaultYear : Number(q.period),
    asOf: q.asOf ? asOfInstant(q.asOf) : null,
    // Without asOf there is no point in time for a clock to read: everything known now.
    asOfBasis: q.asOf ? (q.asOfBasis ?? 'ledger') : 'ledger',
    unit: q.unit,
  };
}
