/**
 * Holm's step-down over `tests` tests, of which `candidates` are the ones that came out below
 * alpha on their own: kept in order of p while p < alpha / (tests − i). Bounds the chance of any
 * false finding in the whole run at alpha, however many subjects a detector tested (a district
 * has a thousand doctors; at a fixed alpha per doctor a clean year raised alerts by chance).
 */
export function keepByHolm<T extends { pValue: number }>(
  candidates: readonly T[],
  tests: number,
  alpha: number,
): T[] {
  const kept: T[] = [];
  const byP = [...candidates].sort((a, b) => a.pValue - b.pValue);
  for (const [i, c] of byP.entries()) {
    if (c.pValue >= alpha / (tests - i)) break;
    kept.push(c);
  }
  return kept;
}
