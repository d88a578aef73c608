import type { PlantedCase } from '@libs/fabrication/planted';
import type { YearCalendar } from '../calendar';
import type { SortedCommands } from '../command-log';
import { Random } from '../random';
import { injectAfterFate } from './after-fate';
import { injectBackdating } from './backdating';
import { type CentreInput, District } from './district';
import { injectFollowUpBurst } from './follow-up-burst';
import { INJECT_PATTERNS, type InjectPattern, type Injection } from './patterns';
import { injectSignWithoutService } from './sign-without-service';
import {
  injectCopiedVitals,
  injectDigitPreference,
  injectThresholdNudging,
} from './vitals-fabrication';
import { injectOverClaim } from './over-claim';
import { injectWorkload } from './workload';
import { injectPlaces } from './places';
import { injectCampaignDays } from './campaign-days';

export * from './patterns';
export type { CentreInput } from './district';

type Inject = (d: District, rng: Random, rate: number) => void;

const INJECTORS: Record<InjectPattern, Inject> = {
  'after-death': (d, rng, rate) => injectAfterFate(d, rng, rate, 'death'),
  'after-move': (d, rng, rate) => injectAfterFate(d, rng, rate, 'move'),
  'follow-up-burst': injectFollowUpBurst,
  workload: injectWorkload,
  'copied-vitals': injectCopiedVitals,
  'digit-preference': (d, rng, rate) => {
    injectDigitPreference(d, rng, rate);
    injectThresholdNudging(d, rng.fork(1), rate / 2);
  },
  backdating: injectBackdating,
  'sign-without-service': injectSignWithoutService,
  'over-claim': injectOverClaim,
  places: injectPlaces,
};

/**
 * The order patterns are planted in, whatever order they were asked for: values of honest
 * visits are falsified first, then the doctors' batches claim their residents, then the
 * residents' own patterns take from those left untouched.
 */
const ORDER: readonly InjectPattern[] = [
  'copied-vitals',
  'digit-preference',
  'sign-without-service',
  'workload',
  'backdating',
  'after-death',
  'after-move',
  'follow-up-burst',
  'over-claim',
  'places',
];

export interface InjectedDistrict {
  /** The centres' commands, again in recorded-time order. */
  parts: SortedCommands[];
  /** Commands of no centre (aggregate reports), in recorded-time order. */
  extra: SortedCommands;
  planted: PlantedCase[];
}

/**
 * Plants fabrication patterns into the honest district. Deterministic: each pattern draws from
 * its own stream of the seed, and no subject (resident or doctor) gets two patterns.
 */
export function injectPatterns(
  injections: readonly Injection[],
  o: { seed: number; cal: YearCalendar; capMs: number; prefix: string },
  centres: CentreInput[],
  parts: SortedCommands[],
): InjectedDistrict {
  const rates = new Map<InjectPattern, number>();
  for (const i of injections) rates.set(i.pattern, i.rate);
  const d = new District(o.cal, o.capMs, o.prefix, centres, parts);
  const root = Random.seeded((o.seed ^ 0x1f4b_c0de) >>> 0);
  // Decoys belong to every planted district: the centres' checkup days (and, with workload, its
  // subtle variants) come first, so a campaign always finds a centre's doctors free; the
  // patterns then draw from the doctors and residents left.
  const workload = rates.get('workload');
  injectCampaignDays(
    d,
    root.fork(INJECT_PATTERNS.length),
    workload === undefined ? null : { rate: workload },
  );
  for (const pattern of ORDER) {
    const rate = rates.get(pattern);
    if (rate === undefined) continue;
    INJECTORS[pattern](d, root.fork(INJECT_PATTERNS.indexOf(pattern)), rate);
  }
  const order = new Map<string, number>(INJECT_PATTERNS.map((p, i) => [p, i]));
  const planted = d.planted
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order.get(a.c.pattern)! - order.get(b.c.pattern)! || a.i - b.i)
    .map(({ c }) => c);
  return {
    parts: d.parts.map((p, i) => (p.changed ? p.sorted() : parts[i])),
    extra: d.extra.sorted(),
    planted,
  };
}
