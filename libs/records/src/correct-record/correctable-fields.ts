import {
  CHECKUP_KINDS,
  DOSE_SITES,
  DELIVERY_PLACES,
  FOLLOW_UP_MODES,
  HEALTH_RECORD_FORMS,
  HEALTH_RECORD_ITEMS,
  MENTAL_STATUSES,
  PATIENT_LIVING,
  SEVERE_MENTAL_DISORDERS,
  TB_DOSING,
  TB_OUTCOMES,
  TB_PHASES,
  TB_REGIMENS,
  TB_SUPERVISORS,
  TCM_CONSTITUTIONS,
  type RecordType,
} from '../streams/vocabulary';

type FieldCheck = (value: unknown) => boolean;

const isNumber: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v);
/** A month's doses: a whole number from 0 to 31. */
const isCount: FieldCheck = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 31;
const isBoolean: FieldCheck = (v) => typeof v === 'boolean';
// Date.parse rolls 2024-02-30 over to March; a real calendar date must survive the round trip.
const isDate: FieldCheck = (v) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}($|T)/.test(v) &&
  !Number.isNaN(Date.parse(v)) &&
  new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === v.slice(0, 10);
const oneOf =
  (values: readonly string[]): FieldCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isText: FieldCheck = (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 100;
const isVitals: FieldCheck = (v) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.entries(v).every(
    ([k, x]) =>
      ['systolic', 'diastolic', 'fastingGlucose', 'weightKg', 'heightCm'].includes(k) &&
      isNumber(x),
  );

const inRange =
  (lo: number, hi: number): FieldCheck =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/**
 * What a correction may change, per record type. Identity fields (resident, record id, doctor,
 * condition, contract period) are not correctable: a wrong one is voided and recorded anew.
 */
export const CORRECTABLE: Record<RecordType, Record<string, FieldCheck>> = {
  follow_up: {
    occurredAt: isDate,
    mode: oneOf(FOLLOW_UP_MODES),
    systolic: isNumber,
    diastolic: isNumber,
    fastingGlucose: isNumber,
    weightKg: isNumber,
    referral: isBoolean,
  },
  checkup: {
    occurredAt: isDate,
    kind: oneOf(CHECKUP_KINDS),
    complete: isBoolean,
    vitals: isVitals,
  },
  tcm_assessment: {
    occurredAt: isDate,
    constitution: oneOf(TCM_CONSTITUTIONS),
    guidanceGiven: isBoolean,
  },
  enrolment: { occurredAt: isDate },
  pregnancy_registration: {
    occurredAt: isDate,
    gestationalWeek: inRange(4, 42),
    expectedDeliveryDate: isDate,
  },
  antenatal_check: { occurredAt: isDate, gestationalWeek: inRange(4, 44) },
  // The day and the children name the births (a child's registration checks them): a wrong one
  // is voided and recorded anew.
  delivery: { place: oneOf(DELIVERY_PLACES), stillbirths: inRange(0, 6), dischargeDate: isDate },
  postpartum_visit: { occurredAt: isDate },
  postpartum_check: { occurredAt: isDate },
  health_record: { form: oneOf(HEALTH_RECORD_FORMS), complete: isBoolean },
  // The month age names what the guidance was for: a wrong one is voided and recorded anew.
  child_tcm_guidance: { occurredAt: isDate },
  // The indicators judge a corrected day against the birth and discharge again (newbornVisitFault).
  newborn_visit: { occurredAt: isDate, dischargedOn: isDate, eyeExamined: isBoolean },
  // As for TCM guidance, the age names what the checkup was for: a wrong one is voided.
  child_checkup: {
    occurredAt: isDate,
    eyeExamined: isBoolean,
    visionLeft: isNumber,
    visionRight: isNumber,
  },
  vaccination_certificate: { occurredAt: isDate },
  // Vaccine and dose name what was given, the vaccinator who gave it: a wrong one is voided and
  // recorded anew. What an old certificate lacked (lot, manufacturer, site) may be filled in.
  vaccine_dose: {
    occurredAt: isDate,
    lotNumber: isText,
    manufacturer: isText,
    site: oneOf(DOSE_SITES),
  },
  mental_health_registration: {
    occurredAt: isDate,
    diagnosis: oneOf(SEVERE_MENTAL_DISORDERS),
    consent: isBoolean,
    livingAt: oneOf(PATIENT_LIVING),
  },
  mental_health_follow_up: {
    occurredAt: isDate,
    mode: oneOf(FOLLOW_UP_MODES),
    status: oneOf(MENTAL_STATUSES),
    onMedication: isBoolean,
  },
  tb_registration: {
    occurredAt: isDate,
    treatmentStart: isDate,
    regimen: oneOf(TB_REGIMENS),
    dosing: oneOf(TB_DOSING),
  },
  tb_first_visit: { occurredAt: isDate, supervisor: oneOf(TB_SUPERVISORS) },
  // The month names which card the record summarises: a wrong one is voided and recorded anew.
  tb_medication: { occurredAt: isDate, dosesDue: isCount, dosesTaken: isCount },
  tb_follow_up: {
    occurredAt: isDate,
    mode: oneOf(FOLLOW_UP_MODES),
    phase: oneOf(TB_PHASES),
    adverseReaction: isBoolean,
  },
  tb_treatment_end: { occurredAt: isDate, outcome: oneOf(TB_OUTCOMES) },
  health_record_review: {
    occurredAt: isDate,
    form: oneOf(HEALTH_RECORD_FORMS),
    complete: isBoolean,
    missing: (v) =>
      Array.isArray(v) &&
      v.every((x) => typeof x === 'string' && HEALTH_RECORD_ITEMS.includes(x as never)),
  },
  contract: {
    household: isBoolean,
    servicePackage: (v) => typeof v === 'string' && v.length > 0 && v.length <= 50,
  },
};
