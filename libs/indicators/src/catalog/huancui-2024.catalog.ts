import type { IndicatorCatalog } from './indicator-definition';

/** Huancui district (Weihai) 2024 plan, as summarised in domain.md; editable data, not code. */
export const HUANCUI_2024: IndicatorCatalog = {
  id: 'huancui-2024',
  version: 1,
  region: 'huancui',
  year: 2024,
  source: '环翠区2024年基本公共卫生服务项目实施方案（附件2）',
  indicators: [
    { id: 'signing_overall', nameZh: '全人群签约率', nameEn: 'Overall signing rate', numerator: 'active_contract', cohort: 'all_residents', denominator: { kind: 'cohort' }, target: { previousYearPlus: 0.03 }, periodType: 'year' },
    { id: 'signing_elderly', nameZh: '老年人签约率', nameEn: 'Elderly (65+) signing rate', numerator: 'active_contract', cohort: 'elderly_65', denominator: { kind: 'cohort' }, target: 0.88, periodType: 'year' },
    { id: 'signing_hypertension', nameZh: '高血压患者签约率', nameEn: 'Hypertension patients signing rate', numerator: 'active_contract', cohort: 'hypertension', denominator: { kind: 'cohort' }, target: 0.78, periodType: 'year' },
    { id: 'signing_diabetes', nameZh: '糖尿病患者签约率', nameEn: 'Diabetes patients signing rate', numerator: 'active_contract', cohort: 'diabetes', denominator: { kind: 'cohort' }, target: 0.78, periodType: 'year' },
    { id: 'signing_children', nameZh: '0-6岁儿童签约率', nameEn: 'Children 0–6 signing rate', numerator: 'active_contract', cohort: 'children_0_6', denominator: { kind: 'cohort' }, target: 0.78, periodType: 'year' },
    { id: 'signing_pregnant', nameZh: '孕产妇签约率', nameEn: 'Pregnant women signing rate', numerator: 'active_contract', cohort: 'pregnant', denominator: { kind: 'cohort' }, target: 0.78, periodType: 'year' },
    { id: 'signing_poverty_special', nameZh: '脱贫人口及计生特殊家庭签约率', nameEn: 'Poverty-alleviated and special families signing rate', numerator: 'active_contract', cohort: 'poverty_or_special_family', denominator: { kind: 'cohort' }, target: 1, periodType: 'year' },
    { id: 'signing_disabled', nameZh: '持证残疾人签约率', nameEn: 'Certified disabled signing rate', numerator: 'active_contract', cohort: 'disabled', denominator: { kind: 'cohort' }, target: 0.7, periodType: 'year' },
    { id: 'signing_household_key', nameZh: '重点人群以家庭为单位签约率', nameEn: 'Household-unit signing of key populations', numerator: 'household_contract', cohort: 'key_population', denominator: { kind: 'cohort' }, target: 0.2, periodType: 'year' },
    { id: 'renewal', nameZh: '续约率', nameEn: 'Renewal rate', numerator: 'renewed', cohort: 'contracts_expiring', denominator: { kind: 'cohort' }, target: 0.8, periodType: 'year' },
    { id: 'elderly_health_management', nameZh: '老年人城乡社区规范健康管理服务率', nameEn: 'Elderly standardised health management', numerator: 'complete_elderly_checkup', cohort: 'elderly_65', denominator: { kind: 'cohort' }, target: 0.64, periodType: 'year' },
    { id: 'elderly_tcm', nameZh: '老年人中医药健康管理率', nameEn: 'Elderly TCM health management', numerator: 'tcm_assessment', cohort: 'elderly_65', denominator: { kind: 'cohort' }, target: 0.74, periodType: 'year' },
    { id: 'hypertension_standardised', nameZh: '高血压患者基层规范管理服务率', nameEn: 'Hypertension standardised management', numerator: 'standardised_management', cohort: 'hypertension', denominator: { kind: 'assigned_target', targetKey: 'hypertension_target' }, target: 0.64, periodType: 'year' },
    { id: 'bp_control', nameZh: '血压控制率', nameEn: 'Blood pressure control rate', numerator: 'bp_controlled', cohort: 'hypertension', denominator: { kind: 'under_management' }, target: 0.45, periodType: 'year' },
    { id: 'diabetes_standardised', nameZh: '糖尿病患者基层规范管理服务率', nameEn: 'Diabetes standardised management', numerator: 'standardised_management', cohort: 'diabetes', denominator: { kind: 'assigned_target', targetKey: 'diabetes_target' }, target: 0.64, periodType: 'year' },
    { id: 'glucose_control', nameZh: '血糖达标率', nameEn: 'Blood glucose control rate', numerator: 'glucose_controlled', cohort: 'diabetes', denominator: { kind: 'under_management' }, target: 0.35, periodType: 'year' },
  ],
};
