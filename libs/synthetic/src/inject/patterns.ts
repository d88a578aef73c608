import type { DetectorId } from '@libs/fabrication/alert';

/**
 * The fabrication patterns the synthetic district can plant: every detector but benford-funds and
 * impossible-sequence (whose records reach the ledger only through a migration, which the seed is
 * not; its spec builds them through one).
 */
export const INJECT_PATTERNS = [
  'after-death',
  'after-move',
  'follow-up-burst',
  'workload',
  'copied-vitals',
  'digit-preference',
  'backdating',
  'sign-without-service',
  'over-claim',
  'places',
] as const satisfies readonly DetectorId[];
export type InjectPattern = (typeof INJECT_PATTERNS)[number];

/**
 * Default RATE per pattern: the fraction of the eligible subjects that get the pattern (at least
 * one when any is eligible). after-death / after-move: residents who died / moved away;
 * follow-up-burst: patients with four follow-ups of one condition; workload, copied-vitals,
 * digit-preference, backdating, sign-without-service, places: doctors (each doctor gets at most
 * one pattern); over-claim: centres.
 */
export const DEFAULT_RATES: Readonly<Record<InjectPattern, number>> = {
  'after-death': 0.2,
  'after-move': 0.2,
  'follow-up-burst': 0.01,
  workload: 0.05,
  'copied-vitals': 0.05,
  'digit-preference': 0.05,
  backdating: 0.05,
  'sign-without-service': 0.05,
  'over-claim': 0.3,
  places: 0.05,
};

export interface Injection {
  pattern: InjectPattern;
  rate: number;
}

/** `PATTERN[:RATE]`, e.g. `after-death` or `workload:0.1`; RATE in (0, 1]. */
export function parseInjection(text: string): Injection {
  const [name, rateText, ...rest] = text.trim().split(':');
  if (!(INJECT_PATTERNS as readonly string[]).includes(name) || rest.length > 0)
    throw new RangeError(
      `unknown pattern ${JSON.stringify(text)}; use PATTERN[:RATE] with PATTERN one of ${INJECT_PATTERNS.join(', ')}`,
    );
  const pattern = name as InjectPattern;
  if (rateText === undefined) return { pattern, rate: DEFAULT_RATES[pattern] };
  const rate = Number(rateText);
  if (!/^\d*\.?\d+$/.test(rateText) || !(rate > 0 && rate <= 1))
    throw new RangeError(`the rate of ${pattern} must be a fraction in (0, 1], not ${rateText}`);
  return { pattern, rate };
}
