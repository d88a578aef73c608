import { asOfInstant } from '@libs/indicators';
import { type FieldError, CommandValidationError } from '@libs/records';

export interface RatesParams {
  period?: string;
  unit?: string;
  asOf?: string;
}

/** period=YYYY and an optional asOf (a date, or an ISO instant); bad values are 400s in both languages. */
export function parseRatesParams(
  q: RatesParams,
  defaultYear: number,
): { year: number; asOf: string | null; unit?: string } {
  const errors: FieldError[] = [];
  const year = q.period === undefined || q.period === '' ? defaultYear : Number(q.period);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    errors.push({
      field: 'period',
      constraint: 'isYear',
      en: 'period must be a year such as 2024',
      zh: 'period：须为年份，如 2024',
    });
  }
  let asOf: string | null = null;
  if (q.asOf) {
    if (Number.isNaN(Date.parse(q.asOf)))
      errors.push({
        field: 'asOf',
        constraint: 'isDate',
        en: 'asOf must be a date or an ISO date-time',
        zh: 'asOf：须为日期或 ISO 时间',
      });
    else asOf = asOfInstant(q.asOf);
  }
  if (errors.length) throw new CommandValidationError(errors);
  return { year, asOf, unit: q.unit || undefined };
}
