import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

/**
 * Seeded randomness over pure-rand's xoroshiro128+: the same seed gives the same draws on every
 * run, so a seed is reproducible to the byte. Not for anything secret.
 */
export class Random {
  private constructor(private readonly gen: RandomGenerator) {}

  static seeded(seed: number): Random {
    return new Random(xoroshiro128plus(seed | 0));
  }

  /** An independent stream for part `index` of the work: the generator jumped 2^64 draws ahead per index. */
  fork(index: number): Random {
    let gen = this.gen.clone();
    for (let i = 0; i <= index; i += 1) gen = gen.jump!();
    return new Random(gen);
  }

  /** Uniform in [0, 1), 53 bits. */
  float(): number {
    const hi = this.gen.unsafeNext() >>> 5;
    const lo = this.gen.unsafeNext() >>> 6;
    return (hi * TWO_POW_26 + lo) / TWO_POW_53;
  }

  /** Uniform whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Normal deviate by Marsaglia's polar method (no trigonometry, so results do not drift by platform). */
  normal(mean = 0, sd = 1): number {
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.float() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
