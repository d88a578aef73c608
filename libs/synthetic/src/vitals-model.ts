import type { Person } from './population';
import type { Random } from './random';

export interface Reading {
  systolic: number;
  diastolic: number;
  fastingGlucose: number;
  weightKg: number;
}

const clip = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/**
 * A person's own level of blood pressure, glucose and weight, around which each visit varies.
 * Patients' readings are spread so that about 55% are under 140/90 and about 42% of diabetics
 * under 7.0 mmol/L at any one visit (domain.md: control targets ≥ 45% and ≥ 35%).
 */
export class VitalsModel {
  private readonly systolic: number;
  private readonly diastolic: number;
  private readonly logGlucose: number;
  private readonly weight: number;
  readonly heightCm: number;

  constructor(
    private readonly rng: Random,
    person: Person,
  ) {
    const zs = rng.normal();
    const zd = 0.6 * zs + 0.8 * rng.normal();
    this.systolic = person.hypertension
      ? 135 + 12 * zs
      : 122 + 11 * zs + Math.max(0, person.age - 40) * 0.3;
    this.diastolic = person.hypertension ? 82 + 8 * zd : 76 + 7 * zd;
    this.logGlucose = person.diabetes
      ? rng.normal(Math.log(7.3), 0.18)
      : rng.normal(Math.log(5.3), 0.08);
    const male = person.sex === 'male';
    const shrink = person.elderly ? 3 : 0;
    this.heightCm = oneDecimal(clip(rng.normal(male ? 169 : 157, 6) - shrink, 135, 200));
    const bmi = clip(rng.normal(24.2, 3), 16, 38);
    this.weight = (bmi * this.heightCm * this.heightCm) / 10_000;
  }

  /** One visit's measurements; diastolic always at least 20 below systolic. */
  reading(): Reading {
    const systolic = Math.round(clip(this.systolic + this.rng.normal(0, 9), 90, 220));
    const diastolic = Math.round(
      clip(this.diastolic + this.rng.normal(0, 6), 50, Math.min(130, systolic - 20)),
    );
    const fastingGlucose = oneDecimal(
      clip(Math.exp(this.logGlucose + this.rng.normal(0, 0.12)), 3, 25),
    );
    const weightKg = oneDecimal(clip(this.weight + this.rng.normal(0, 0.8), 30, 160));
    return { systolic, diastolic, fastingGlucose, weightKg };
  }
}

export const bpControlled = (r: Reading) => r.systolic < 140 && r.diastolic < 90;
export const glucoseControlled = (r: Reading) => r.fastingGlucose < 7.0;
