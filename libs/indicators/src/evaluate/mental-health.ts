import type { Period } from './period';
import type { LiveRecord, ResidentView } from './resident-view';

/** The resident's live registration as a severe mental disorder patient, if any, by the day. */
export const patientRegistration = (v: ResidentView): LiveRecord | undefined =>
  v.records.find((r) => r.kind === 'mental_health_registration');

/** The patient's follow-ups dated in the period (up to its day), in date order. */
export const mentalHealthFollowUps = (v: ResidentView, p: Period): LiveRecord[] =>
  v.records
    .filter((r) => r.kind === 'mental_health_follow_up' && r.day >= p.start && r.day <= p.day)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

/**
 * Follow-ups due by the period's day for standard management (规范管理): four a year, one per
 * quarter from the quarter of registration (or the first), so a patient registered in the
 * autumn owes one or two, and a progress check in June asks for two.
 */
export function mentalHealthFollowUpsDue(registration: LiveRecord, p: Period): number {
  const from = registration.day < p.start ? 1 : quarterOf(registration.day);
  return Math.max(0, quarterOf(p.day) - from + 1);
}
