/** One consistency boundary per person, unit, doctor and target sheet (design.md, Streams). */
/**
 * Every fund flow stream starts so (funds-<unit>-<year>). Named here, beside the other stream
 * names, because the period lock and the seal's late-record check (audit, below funds) must
 * recognise fund streams without importing the funds library.
 */
export const FUNDS_STREAM_PREFIX = 'funds-';

/**
 * A unit's public-health activities of a year (health education, infectious disease reports,
 * health supervision reports): kept apart from the org-unit stream, which every command of the
 * unit's residents reads for facts and should stay short.
 */
export const ACTIVITIES_STREAM_PREFIX = 'activities-';

export const streamIds = {
  resident: (residentId: string) => `resident-${residentId}`,
  orgUnit: (unitId: string) => `orgunit-${unitId}`,
  doctor: (doctorId: string) => `doctor-${doctorId}`,
  targets: (unitId: string, year: number) => `targets-${unitId}-${year}`,
  activities: (unitId: string, year: number) => `${ACTIVITIES_STREAM_PREFIX}${unitId}-${year}`,
  /** One per migrated file, named by its SHA-256 (hex): the same file is the same migration. */
  migration: (fileSha256: string) => `migration-${fileSha256}`,
};
