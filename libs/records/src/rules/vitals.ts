import { refuse } from './rule-error';

export interface Vitals {
  systolic?: number;
  diastolic?: number;
  fastingGlucose?: number;
  weightKg?: number;
  heightCm?: number;
}

/** Physiological bounds: values outside them are typing errors or inventions, never readings. */
export const VITAL_BOUNDS = {
  systolic: [50, 300],
  diastolic: [20, 200],
  fastingGlucose: [1, 40],
  weightKg: [1, 400],
  heightCm: [30, 250],
} as const;

const NAMES_ZH: Record<keyof typeof VITAL_BOUNDS, string> = {
  systolic: '收缩压',
  diastolic: '舒张压',
  fastingGlucose: '空腹血糖',
  weightKg: '体重',
  heightCm: '身高',
};

export function assertVitalsPlausible(v: Vitals): void {
  const problems: string[] = [];
  const problemsZh: string[] = [];
  for (const key of Object.keys(VITAL_BOUNDS) as (keyof typeof VITAL_BOUNDS)[]) {
    const value = v[key];
    const [low, high] = VITAL_BOUNDS[key];
    if (value !== undefined && value !== null && (value < low || value > high)) {
      problems.push(`${key} ${value} outside ${low}–${high}`);
      problemsZh.push(`${NAMES_ZH[key]} ${value} 超出 ${low}–${high}`);
    }
  }
  if (v.systolic != null && v.diastolic != null && v.diastolic >= v.systolic) {
    problems.push(`diastolic ${v.diastolic} is not below systolic ${v.systolic}`);
    problemsZh.push(`舒张压 ${v.diastolic} 不低于收缩压 ${v.systolic}`);
  }
  if (problems.length > 0) {
    refuse(
      'VITALS_OUT_OF_RANGE',
      'unprocessable',
      `生命体征不合理：${problemsZh.join('；')}`,
      `implausible vital signs: ${problems.join('; ')}`,
      {
        problems,
      },
    );
  }
}
