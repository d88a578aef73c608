import type { Cohort } from '../catalog/indicator-definition';
import { childCheckupAgesDue, isLiveBirth } from './child-health';
import { childTcmAgesDue } from './child-tcm';
import { healthRecordOn } from './health-record';
import { deliveriesIn, hasOpenPregnancy } from './maternal';
import { patientRegistration } from './mental-health';
import type { Period } from './period';
import { tbCompletedIn, tbNotifiedIn, underTbTreatmentOn } from './tuberculosis';
import type { LiveRecord, ResidentView } from './resident-view';
import { dosesDue, isVaccineCohort, vaccineOf } from './vaccination';

const KEY_TAGS = [
  'hypertension',
  'diabetes',
  'pregnant',
  'severe_mental_disorder',
  'tuberculosis',
  'disabled',
  'poverty_alleviated',
  'special_family',
  'low_income',
];

/**
 * Pregnant on the period's day: so tagged, or a pregnancy registered and not yet delivered (nor
 * lapsed). Asked of everyone for the key population: only women of childbearing age look further.
 */
const isPregnant = (v: ResidentView, period: Period): boolean =>
  v.tags.has('pregnant') || (v.age >= 12 && v.age <= 60 && hasOpenPregnancy(v, period.day));

export const enrolment = (v: ResidentView, condition: string): LiveRecord | undefined =>
  v.records.find((r) => r.kind === 'enrolment' && r.fields.condition === condition);

/** Is the resident in the cohort on the period's day? Age cohorts count age at the year's end. */
export function inCohort(
  v: ResidentView,
  cohort: Exclude<Cohort, 'contracts_expiring' | 'vacc_doses_given'>,
  period: Period,
): boolean {
  if (!v.present) return false;
  if (isVaccineCohort(cohort)) return dosesDue(v, period, vaccineOf(cohort)).length > 0;
  const age = v.age;
  switch (cohort) {
    case 'all_residents':
      return true;
    case 'elderly_65':
      return age >= 65;
    case 'children_0_6':
      return age >= 0 && age <= 6;
    case 'hypertension':
      return !!enrolment(v, 'hypertension');
    case 'diabetes':
      return !!enrolment(v, 'diabetes');
    case 'pregnant':
      return isPregnant(v, period);
    case 'poverty_or_special_family':
      return v.tags.has('poverty_alleviated') || v.tags.has('special_family');
    case 'disabled':
      return v.tags.has('disabled');
    case 'children_due_tcm':
      return childTcmAgesDue(v, period).length > 0;
    case 'children_born':
      return isLiveBirth(v, period);
    case 'children_under_3_due':
      return childCheckupAgesDue(v, period).length > 0;
    case 'vacc_children_due':
      return dosesDue(v, period).length > 0;
    case 'maternal_live_births':
      return deliveriesIn(v, period).length > 0;
    case 'smd_patients':
      return !!patientRegistration(v);
    case 'smd_at_home':
      return patientRegistration(v)?.fields.livingAt === 'home';
    case 'tb_notified':
      return !!tbNotifiedIn(v, period);
    case 'tb_treatments_completed':
      return !!tbCompletedIn(v, period);
    case 'e_record_holders':
      return healthRecordOn(v, period)?.electronic === true;
    case 'smd_key':
      return v.tags.has('severe_mental_disorder') || !!patientRegistration(v);
    case 'tb_under_treatment':
      return v.tags.has('tuberculosis') || underTbTreatmentOn(v, period.day);
    case 'key_population':
      // The groups the records now know join those the tags state: a registered pregnancy, a
      // severe mental disorder patient, a tuberculosis patient under treatment.
      return (
        age >= 65 ||
        age <= 6 ||
        KEY_TAGS.some((t) => v.tags.has(t)) ||
        !!enrolment(v, 'hypertension') ||
        !!enrolment(v, 'diabetes') ||
        isPregnant(v, period) ||
        !!patientRegistration(v) ||
        underTbTreatmentOn(v, period.day)
      );
    default: {
      const unknown: never = cohort;
      return unknown;
    }
  }
}
