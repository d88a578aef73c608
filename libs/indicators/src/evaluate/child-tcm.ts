import { CHILD_TCM_AGES, monthAgeDay } from '@libs/records';
import type { Period } from './period';
import type { ResidentView } from './resident-view';

/**
 * The month ages (6, 12 … 36) a child reached in the period, up to its day: the TCM guidance
 * due this year. A child born in the autumn owes none yet; one turning 36 months in March owes
 * one, at 36 months.
 */
export function childTcmAgesDue(v: Pick<ResidentView, 'birthDate'>, p: Period): number[] {
  return CHILD_TCM_AGES.filter((m) => {
    const day = monthAgeDay(v.birthDate, m);
    return day >= p.start && day <= p.day;
  });
}
