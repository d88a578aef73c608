/** Who is counted in a denominator: a population cohort, a task count, or managed patients. */
export type DenominatorKind = 'cohort' | 'assigned_target' | 'under_management';

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
  | 'maternal_early_registration'
  | 'maternal_postpartum_visit'
  | 'maternal_system_management';

/**
 * The programme's service categories an indicator belongs to, in the order a report lists them
 * (domain.md): the dashboard and the workbook group indicators by it.
 */
export const INDICATOR_CATEGORIES = [
  'health_records',
  'signing',
  'maternal',
  'elderly',
  'chronic',
  'mental_health',
  'tcm',
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

/** Each category's name, as the plans and bulletins print it. */
export const CATEGORY_NAMES: Record<IndicatorCategory, { zh: string; en: string }> = {
  health_records: { zh: '居民健康档案管理', en: 'Health records' },
  signing: { zh: '家庭医生签约服务', en: 'Family doctor contracts' },
  maternal: { zh: '孕产妇健康管理', en: 'Maternal care' },
  elderly: { zh: '老年人健康管理', en: 'Elderly health management' },
  chronic: { zh: '慢性病患者健康管理', en: 'Chronic disease management' },
  mental_health: { zh: '严重精神障碍患者管理', en: 'Severe mental disorders' },
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
    | { kind: 'under_management' };
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
