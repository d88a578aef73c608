/** The distributions and robust statistics the detectors test against. */

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) (Numerical Recipes: series / continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

/** P(χ² ≥ x) with `df` degrees of freedom. */
export const chiSquareP = (x: number, df: number): number => gammaQ(df / 2, x / 2);

/** P(X ≥ k) for X ~ Poisson(λ): the regularised lower gamma P(k, λ) = 1 − Q(k, λ). */
export const poissonUpperP = (k: number, lambda: number): number =>
  k <= 0 ? 1 : lambda <= 0 ? 0 : 1 - gammaQ(k, lambda);

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space. */
export function binomialUpperP(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const lnC = (m: number) => logGamma(n + 1) - logGamma(m + 1) - logGamma(n - m + 1);
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let total = 0;
  for (let m = k; m <= n; m++) {
    const term = Math.exp(lnC(m) + m * Math.log(p) + (n - m) * Math.log(1 - p));
    total += term;
    // Past the mode the terms only shrink; stop when they no longer matter.
    if (m > n * p && term < total * 1e-16) break;
  }
  return Math.min(1, total);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RobustStats {
  median: number;
  mad: number;
  meanAd: number;
}

export function robustStats(values: readonly number[]): RobustStats {
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  const meanAd = values.reduce((s, v) => s + Math.abs(v - med), 0) / values.length;
  return { median: med, mad, meanAd };
}

/**
 * Iglewicz–Hoaglin modified z-score of `x` against `values` (or their precomputed stats):
 * 0.6745 (x − median) / MAD; when the MAD is 0, the mean absolute deviation scaled by 1.253314
 * stands in (IBM SPSS convention). Null when both are 0 (a constant baseline).
 */
export function modifiedZ(x: number, values: readonly number[] | RobustStats): number | null {
  const s = Array.isArray(values) ? robustStats(values) : (values as RobustStats);
  if (s.mad > 0) return (0.6745 * (x - s.median)) / s.mad;
  return s.meanAd > 0 ? (x - s.median) / (1.253314 * s.meanAd) : null;
}
