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
  | 'e_record_holders';

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
  | 'record_in_use';

export interface IndicatorDefinition {
  id: string;
  nameZh: string;
  nameEn: string;
  numerator: NumeratorRule;
  /** The cohort whose members can count in the numerator. */
  cohort: Cohort;
  denominator:
    | { kind: 'cohort' }
    | { kind: 'assigned_target'; targetKey: string }
    | { kind: 'under_management' };
  /** Target rate 0–1, or relative to the same unit's rate a year earlier (e.g. "2023 + 3 pp"). */
  target: number | { previousYearPlus: number };
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
