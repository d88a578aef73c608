import type { StreamFilter } from '@libs/ledger';

/**
 * Stream families named by a unit, resident or doctor id; every such id starts with its
 * district's unit id ("hc", "hc-jy", "hc-jy-1042"). Seals name the year first. Families of the
 * libraries above this one are listed by name here, as FUNDS_STREAM_PREFIX is, so a partition
 * is defined in one place; test/contract/district-partition.spec.ts checks each against the
 * library that names it.
 */
const DISTRICT_FAMILIES = [
  'resident',
  'doctor',
  'orgunit',
  'targets',
  'activities', // a unit's public-health activities of a year
  'reads', // access: who read a resident's timeline
  'report', // audit: submitted aggregate reports
  'funds', // funds: allocations and disbursements
  'seal-\\d{4}', // audit: seal-<year>-<unit>
];

/**
 * The streams of one district, as a server-side filter for a projection worker that serves
 * that district only (docs/scaling.md). Ledger-wide streams (actors, keys, alerts, samples,
 * migrations, lock exceptions) are not in any district: a worker reads them with a second,
 * small subscription. Its checkpoint is the global position of the last event it handled.
 */
export function districtStreams(districtId: string): StreamFilter {
  if (!/^[a-z0-9]+$/.test(districtId))
    throw new Error(`district id "${districtId}" must be lower-case letters and digits`);
  return { pattern: `^(?:${DISTRICT_FAMILIES.join('|')})-${districtId}(?:-|$)` };
}
