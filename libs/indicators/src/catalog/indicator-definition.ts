import type { Vaccine } from '@libs/records';

/**
 * Who is counted in a denominator: a population cohort, a task count, managed patients, or
 * records (each dose record given in the year, not the residents who had one).
 */
export type DenominatorKind = 'cohort' | 'assigned_target' | 'under_management' | 'records';

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
};

export interface IndicatorDefinition {
  id: string;
  category: IndicatorCategory;
  nameZh: string;
  nameEn: string;
  numerator: NumeratorRule;
  /** The cohort whose members can count in the numerator. */
  cohort: Cohort;
  denominator:
    | { kind: 'cohort' }
    | { kind: 'assigned_target'; targetKey: string }
    | { kind: 'under_management' }
    | { kind: 'records' };
  /**
   * Target rate 0–1, or relative to the same unit's rate a year earlier (e.g. "2023 + 3 pp"), or
   * null where the plan sets none (the rate is shown, its status "no target").
   */
  target: number | { previousYearPlus: number } | null;
  periodType: 'year';
}

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
