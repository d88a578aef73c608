/**
 * after-move — services dated after the resident moved out of the district.
 *
 * Same reading as after-death (see after-death.detector.ts): the deciders refuse a service
 * dated after a recorded move-out, so what is found was accepted before the move-out was
 * recorded. Every live record counts (checkup, TCM, follow-up, contract, enrolment); services on
 * the day of the move itself are accepted.
 *
 * Subject: the resident (one alert per resident and period). Evidence: the ResidentMovedOut
 * event and every offending record. Score: the largest number of days after the move-out.
 *
 * Parameters (defaults):
 * - `minDaysAfter` 1 — a service counts when dated at least this many days after the move-out.
 * - `mediumDays` 7, `highDays` 30 — severity thresholds on the score.
 */
import { type Detector, withDefaults } from '../../detection-input';
import { type AfterMarkParams, servicesAfterMark } from '../after-death/after-death.detector';

const DEFAULTS: AfterMarkParams = { minDaysAfter: 1, mediumDays: 7, highDays: 30 };

export const afterMoveDetector: Detector<AfterMarkParams> = {
  id: 'after-move',
  description: {
    zh: '居民迁出后仍有服务记录（包括迁出登记前已录入的）',
    en: 'services dated after the resident moved out (including ones accepted before the move was recorded)',
  },
  params: DEFAULTS,
  detect: (input, params) => servicesAfterMark(input, 'movedOut', withDefaults(DEFAULTS, params)),
};
