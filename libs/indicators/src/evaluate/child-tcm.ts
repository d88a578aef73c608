import { CHILD_TCM_AGES, monthAgeDay } from '@libs/records';
import type { Period } from './period';
import type { ResidentView } from './resident-view';

const NONE: number[] = [];

/**
 * The month ages (6, 12 … 36) a child reached in the period, up to its day: the TCM guidance
 * due this year. A child born in the autumn owes none yet; one turning 36 months in March owes
 * one, at 36 months.
 */
export function childTcmAgesDue(v: Pick<ResidentView, 'birthDate'>, p: Period): number[] {
  // Every resident is asked, in every evaluation: anyone born more than four years before the
  // period's year is answered without date arithmetic.
  if (Number(v.birthDate.slice(0, 4)) < p.year - 4) return NONE;
  return CHILD_TCM_AGES.filter((m) => {
    const day = monthAgeDay(v.birthDate, m);
    return day >= p.start && day <= p.day;
  });
}
