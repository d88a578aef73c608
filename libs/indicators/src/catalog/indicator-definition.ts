import type { EducationActivityKind, Vaccine } from '@libs/records';

/**
 * Who is counted in a denominator: a population cohort, a task count, managed patients, or
 * records (each dose record given in the year, not the residents who had one); for a unit-level
 * indicator, the plan's minimum due, the unit's own records, or none (a count).
 */
export type DenominatorKind =
  | 'cohort'
  | 'assigned_target'
  | 'under_management'
  | 'records'
  | 'unit_minimum'
  | 'unit_records'
  | 'count';

/** The cohorts the programme counts (domain.md, indicators table). */
export type Cohort =
  | 'all_residents'
  | 'elderly_65'
  | 'children_0_6'
  | 'hypertension'
  | 'diabetes'
  | 'pregnant'
  | 'poverty_or_special_family'
  | 'disabled'
  | 'key_population'
  | 'smd_key'
  | 'tb_under_treatment'
  | 'contracts_expiring'
  | 'e_record_holders'
  | 'smd_patients'
  | 'smd_at_home'
  | 'children_due_tcm'
  | 'tb_notified'
  | 'tb_treatments_completed'
  | 'children_born'
  | 'children_under_3_due'
  | 'vacc_children_due'
  | `vacc_due:${Vaccine}`
  | 'vacc_doses_given'
  | 'maternal_live_births';

/** Numerator rules, each a named, tested function in evaluate/indicator-rules.ts. */
export type NumeratorRule =
  | 'active_contract'
  | 'household_contract'
  | 'renewed'
  | 'complete_elderly_checkup'
  | 'tcm_assessment'
  | 'standardised_management'
  | 'bp_controlled'
  | 'glucose_controlled'
  | 'standardised_e_record'
  | 'record_in_use'
  | 'smd_registered'
  | 'smd_managed'
  | 'smd_standard'
  | 'child_tcm_at_ages'
  | 'tb_managed'
  | 'tb_visited_timely'
  | 'tb_regular_medication'
  | 'child_newborn_visited'
  | 'child_checked_up'
  | 'child_at_due_ages'
  | 'child_eye_checked'
  | 'vacc_certified'
  | 'vacc_all_due_given'
  | `vacc_given:${Vaccine}`
  | 'vacc_dose_complete'
  | 'maternal_early_registration'
  | 'maternal_postpartum_visit'
  | 'maternal_system_management';

/**
 * The programme's service categories an indicator belongs to, in the order a report lists them
 * (domain.md): the dashboard and the workbook group indicators by it.
 */
export const INDICATOR_CATEGORIES = [
  'health_records',
  'vaccination',
  'signing',
  'children',
  'maternal',
  'elderly',
  'chronic',
  'mental_health',
  'tuberculosis',
  'tcm',
  'health_education',
  'infectious_disease',
  'health_supervision',
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

/** Each category's name, as the plans and bulletins print it. */
export const CATEGORY_NAMES: Record<IndicatorCategory, { zh: string; en: string }> = {
  health_records: { zh: '居民健康档案管理', en: 'Health records' },
  vaccination: { zh: '预防接种', en: 'Vaccination' },
  signing: { zh: '家庭医生签约服务', en: 'Family doctor contracts' },
  children: { zh: '0～6岁儿童健康管理', en: 'Children 0–6' },
  maternal: { zh: '孕产妇健康管理', en: 'Maternal care' },
  elderly: { zh: '老年人健康管理', en: 'Elderly health management' },
  chronic: { zh: '慢性病患者健康管理', en: 'Chronic disease management' },
  mental_health: { zh: '严重精神障碍患者管理', en: 'Severe mental disorders' },
  tuberculosis: { zh: '肺结核患者健康管理', en: 'Tuberculosis patients' },
  tcm: { zh: '中医药健康管理', en: 'Traditional Chinese medicine' },
  health_education: { zh: '健康教育', en: 'Health education' },
  infectious_disease: {
    zh: '传染病及突发公共卫生事件报告和处理',
    en: 'Infectious disease and public health emergency reporting',
  },
  health_supervision: { zh: '卫生监督协管', en: 'Health supervision assistance' },
};

/** What every indicator has, resident-level or unit-level. */
interface IndicatorBase {
  id: string;
  category: IndicatorCategory;
  nameZh: string;
  nameEn: string;
  /**
   * Target rate 0–1, or relative to the same unit's rate a year earlier (e.g. "2023 + 3 pp"), or
   * null where the plan sets none (the rate is shown, its status "no target").
   */
  target: number | { previousYearPlus: number } | null;
  /**
   * A count on the unit's target sheet (AssignTargets) that, where the sheet carries it, sets the
   * target instead: that count over the denominator, so the gap is what remains of the task.
   */
  task?: string;
  periodType: 'year';
}

/** An indicator counted over residents: a cohort, and a rule per resident (most indicators). */
export interface ResidentIndicatorDefinition extends IndicatorBase {
  level?: 'resident';
  numerator: NumeratorRule;
  /** The cohort whose members can count in the numerator. */
  cohort: Cohort;
  denominator:
    | { kind: 'cohort' }
    | { kind: 'assigned_target'; targetKey: string }
    | { kind: 'under_management' }
    | { kind: 'records' };
}

/**
 * Rules of unit-level indicators, each counted from a unit's own activities (evaluate/
 * unit-activities.ts): an activity in every period of the minimum (lectures, boards), events
 * in the year (consultations), distinct titles in the year (printed materials, videos), cases
 * reported, reports in time, and a plain count (supervision reports).
 */
export type UnitRule =
  | 'edu_each_period'
  | 'edu_events_in_year'
  | 'edu_kinds_in_year'
  | 'idr_reported'
  | 'idr_in_time'
  | 'hsa_reports';

/** A minimum of the plan: `count` activities per `months` months, or per year when absent. */
export interface UnitMinimum {
  count: number;
  months?: 1 | 2;
}

/**
 * An indicator of what a centre or station does itself (health education, case reporting,
 * supervision reports): no resident is in it. A unit's figure is its own records against the
 * minimum of its class (centre or station); a parent sums its units' figures (decision 0019).
 */
export interface UnitIndicatorDefinition extends IndicatorBase {
  level: 'unit';
  rule: UnitRule;
  /** The health education activity counted (edu_ rules). */
  activity?: EducationActivityKind;
  /** The plan's minimum per class of unit; a class without one has no figure of its own. */
  minimums?: Partial<Record<'centre' | 'station', UnitMinimum>>;
  denominator: { kind: 'unit_minimum' } | { kind: 'unit_records' } | { kind: 'count' };
}

export type IndicatorDefinition = ResidentIndicatorDefinition | UnitIndicatorDefinition;

export const isUnitIndicator = (d: IndicatorDefinition): d is UnitIndicatorDefinition =>
  d.level === 'unit';

/** A catalog is data: versioned and effective-dated per region and year. */
export interface IndicatorCatalog {
  id: string;
  version: number;
  region: string;
  year: number;
  source: string;
  indicators: IndicatorDefinition[];
}

/** A target relative to the year before ("2023 + 3 pp"). */
export const isRelativeTarget = (
  target: IndicatorDefinition['target'],
): target is { previousYearPlus: number } => target !== null && typeof target === 'object';
