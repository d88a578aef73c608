import { createHash } from 'node:crypto';
import { uniformIntDistribution, xoroshiro128plus } from 'pure-rand';

export interface EquidistantDraw {
  populationSize: number;
  /** k = N / n, kept as a fraction so the picks spread over the whole list. */
  interval: number;
  /** r = floor(u × k), u the first uniform number of the seeded generator. */
  start: number;
  /** Positions in the sorted population, ascending. */
  indices: number[];
}

const SPAN = 2 ** 31;

/** The seed's first uniform number in [0, 1): SHA-256 of the seed text seeds xoroshiro128+. */
export function seedFraction(seed: string): number {
  const seed32 = createHash('sha256').update(seed, 'utf8').digest().readInt32BE(0);
  const [value] = uniformIntDistribution(0, SPAN - 1, xoroshiro128plus(seed32));
  return value / SPAN;
}

/**
 * 等间距抽样: n of N at interval k = N / n from a seeded start r; picks floor(r + i·k). The same
 * population size, size and seed always give the same positions. A size of N or more takes all.
 */
export function equidistantIndices(
  populationSize: number,
  size: number,
  seed: string,
): EquidistantDraw {
  const n = Math.min(size, populationSize);
  if (n <= 0) return { populationSize, interval: 0, start: 0, indices: [] };
  const interval = populationSize / n;
  const start = Math.floor(seedFraction(seed) * interval);
  const indices = Array.from({ length: n }, (_, i) => Math.floor(start + i * interval));
  return { populationSize, interval, start, indices };
}

/** A digest of the sorted population, so a later redraw can prove it started from the same list. */
export function populationDigest(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex');
}
