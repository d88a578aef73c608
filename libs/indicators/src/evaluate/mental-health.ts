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
