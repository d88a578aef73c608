/** Closed vocabularies shared by requests, events and rules. */
export const UNIT_KINDS = [
  'province',
  'city',
  'district',
  'street',
  'community_centre',
  'township_centre',
  'station',
  'village_clinic',
  'team',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Depth in the hierarchy; a parent must sit strictly above its child, so no cycle can form. */
export const UNIT_RANK: Record<UnitKind, number> = {
  province: 1,
  city: 2,
  district: 3,
  street: 4,
  community_centre: 5,
  township_centre: 5,
  station: 6,
  village_clinic: 6,
  team: 7,
};

export const KEY_POPULATION_TAGS = [
  'hypertension',
  'diabetes',
  'pregnant',
  'severe_mental_disorder',
  'tuberculosis',
  'disabled',
  'poverty_alleviated',
  'special_family',
  'low_income',
] as const;
export type KeyPopulationTag = (typeof KEY_POPULATION_TAGS)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const CONDITIONS = ['hypertension', 'diabetes'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const FOLLOW_UP_MODES = ['face_to_face_clinic', 'face_to_face_home', 'phone'] as const;
export type FollowUpMode = (typeof FOLLOW_UP_MODES)[number];

export const CHECKUP_KINDS = ['elderly_annual', 'disabled_annual', 'other'] as const;
export type CheckupKind = (typeof CHECKUP_KINDS)[number];

/** The nine constitution types of TCM constitution identification (中医体质辨识). */
export const TCM_CONSTITUTIONS = [
  'balanced',
  'qi_deficiency',
  'yang_deficiency',
  'yin_deficiency',
  'phlegm_dampness',
  'damp_heat',
  'blood_stasis',
  'qi_stagnation',
  'special_diathesis',
] as const;
export type TcmConstitution = (typeof TCM_CONSTITUTIONS)[number];

/** Task counts a supervisor assigns per unit and year (domain.md, attachment 2). */
export const TARGET_KEYS = [
  'population',
  'elderly_population',
  'elderly_health_management',
  'elderly_tcm',
  'hypertension_target',
  'hypertension_standardised',
  'diabetes_target',
  'diabetes_standardised',
  'children_tcm',
  'signing',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const RECORD_TYPES = [
  'contract',
  'checkup',
  'tcm_assessment',
  'enrolment',
  'follow_up',
  'health_record',
  'health_record_review',
  'mental_health_registration',
  'mental_health_follow_up',
  'child_tcm_guidance',
  'tb_registration',
  'tb_first_visit',
  'tb_medication',
  'tb_follow_up',
  'tb_treatment_end',
  'newborn_visit',
  'child_checkup',
  'vaccination_certificate',
  'vaccine_dose',
  'pregnancy_registration',
  'antenatal_check',
  'delivery',
  'postpartum_visit',
  'postpartum_check',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** A health record (居民健康档案) is kept electronically, or on paper only (not an e-record). */
export const HEALTH_RECORD_FORMS = ['electronic', 'paper'] as const;
export type HealthRecordForm = (typeof HEALTH_RECORD_FORMS)[number];

/**
 * The parts a review (复核) finds missing from a health record (national specification, 3rd
 * edition): the personal basic information form, the health examination form, the records of
 * the resident's key-population services, the service records of the year. A record with none
 * missing is standardised (规范化).
 */
export const HEALTH_RECORD_ITEMS = [
  'basic_information',
  'health_examination',
  'key_population_records',
  'service_records',
] as const;
export type HealthRecordItem = (typeof HEALTH_RECORD_ITEMS)[number];

/**
 * The six severe mental disorders the programme manages (严重精神障碍, national specification):
 * schizophrenia, schizoaffective disorder, persistent delusional disorder (paranoid psychosis),
 * bipolar disorder, mental disorders due to epilepsy, intellectual disability with mental disorder.
 */
export const SEVERE_MENTAL_DISORDERS = [
  'schizophrenia',
  'schizoaffective',
  'persistent_delusional',
  'bipolar',
  'epilepsy_mental',
  'intellectual_disability_mental',
] as const;
export type SevereMentalDisorder = (typeof SEVERE_MENTAL_DISORDERS)[number];

/** Where a registered patient lives: at home (managed by the centre) or in hospital. */
export const PATIENT_LIVING = ['home', 'hospital'] as const;
export type PatientLiving = (typeof PATIENT_LIVING)[number];

/** A patient's condition at a follow-up: 病情稳定, 基本稳定, 不稳定. */
export const MENTAL_STATUSES = ['stable', 'basically_stable', 'unstable'] as const;
export type MentalStatus = (typeof MENTAL_STATUSES)[number];

/** The month ages at which a child gets TCM guidance (儿童中医药健康管理: 6, 12 … 36 months). */
export const CHILD_TCM_AGES = [6, 12, 18, 24, 30, 36] as const;
export type ChildTcmAge = (typeof CHILD_TCM_AGES)[number];

/**
 * A tuberculosis patient's regimen as the designated hospital notifies it (national
 * specification, 3rd edition): a new patient's (初治) six months, a retreated patient's (复治)
 * eight. Drug-resistant patients are managed by the hospital, not here.
 */
export const TB_REGIMENS = ['initial', 'retreatment'] as const;
export type TbRegimen = (typeof TB_REGIMENS)[number];

/** How often the doses are due: every day, or every other day (隔日). */
export const TB_DOSING = ['daily', 'every_other_day'] as const;
export type TbDosing = (typeof TB_DOSING)[number];

/** Who watches the patient take each dose (督导人员): preferably medical staff, else family. */
export const TB_SUPERVISORS = ['medical_staff', 'family_member', 'volunteer'] as const;
export type TbSupervisor = (typeof TB_SUPERVISORS)[number];

/** The treatment's phase at a follow-up: intensive (强化期) or continuation (继续期). */
export const TB_PHASES = ['intensive', 'continuation'] as const;
export type TbPhase = (typeof TB_PHASES)[number];

/**
 * How a treatment ended (结案): cured, completed, failed, died, lost to follow-up, transferred
 * out. Regular medication is judged over the cured and the completed.
 */
export const TB_OUTCOMES = ['cured', 'completed', 'failed', 'died', 'lost', 'transferred'] as const;
export type TbOutcome = (typeof TB_OUTCOMES)[number];

/**
 * The ages a child's health checkup (儿童健康检查) is due, in months (national specification, 3rd
 * edition): the full-month checkup (满月) at 1 month; 3, 6, 8 and 12 months; 18, 24, 30 and 36
 * months; then once a year at 4, 5 and 6 years.
 */
export const CHILD_CHECKUP_AGES = [1, 3, 6, 8, 12, 18, 24, 30, 36, 48, 60, 72] as const;
export type ChildCheckupAge = (typeof CHILD_CHECKUP_AGES)[number];

/** The checkup ages before three years, those the system management of under-3s asks for. */
export const CHILD_UNDER_3_AGES = [1, 3, 6, 8, 12, 18, 24, 30, 36] as const;

/**
 * Where a dose was given (接种部位): the arm or thigh of an injection, or by mouth (bOPV). The
 * vaccines themselves and their schedule are in rules/immunisation-schedule.ts.
 */
export const DOSE_SITES = [
  'left_upper_arm',
  'right_upper_arm',
  'left_thigh',
  'right_thigh',
  'oral',
] as const;
export type DoseSite = (typeof DOSE_SITES)[number];
/** Where a delivery took place: in a medical institution (住院分娩), at home, or elsewhere (途中). */
export const DELIVERY_PLACES = ['hospital', 'home', 'other'] as const;
export type DeliveryPlace = (typeof DELIVERY_PLACES)[number];

/**
 * Health education activities a centre or station records (健康教育): a lecture (健康知识讲座),
 * a public consultation event (公众健康咨询活动), a bulletin board renewed (宣传栏更换), printed
 * material handed out (印刷资料) and a video shown (音像资料).
 */
export const EDUCATION_ACTIVITY_KINDS = [
  'lecture',
  'consultation',
  'board_renewal',
  'printed_material',
  'video',
] as const;
export type EducationActivityKind = (typeof EDUCATION_ACTIVITY_KINDS)[number];

/** Classes of notifiable infectious diseases (甲类, 乙类, 丙类): class A is reported within 2 hours. */
export const DISEASE_CLASSES = ['A', 'B', 'C'] as const;
export type DiseaseClass = (typeof DISEASE_CLASSES)[number];

/**
 * Health supervision assistance reports (卫生监督协管信息报告): illegal medical practice or blood
 * collection (非法行医和非法采供血), drinking water safety (饮用水卫生安全), school health (学校卫生)
 * and food safety (食源性疾病及相关信息).
 */
export const SUPERVISION_REPORT_KINDS = [
  'illegal_practice',
  'water_safety',
  'school_health',
  'food_safety',
] as const;
export type SupervisionReportKind = (typeof SUPERVISION_REPORT_KINDS)[number];

/**
 * The units that hold public-health activities of their own, and how the plan treats them:
 * centres (乡镇卫生院, 社区卫生服务中心) and the stations and village clinics under them
 * (村卫生室, 社区卫生服务站), whose minimums are lower.
 */
export const SERVICE_UNIT_CLASS: Partial<Record<UnitKind, 'centre' | 'station'>> = {
  community_centre: 'centre',
  township_centre: 'centre',
  station: 'station',
  village_clinic: 'station',
};
