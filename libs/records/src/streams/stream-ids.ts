/** One consistency boundary per person, unit, doctor and target sheet (design.md, Streams). */
export const streamIds = {
  resident: (residentId: string) => `resident-${residentId}`,
  orgUnit: (unitId: string) => `orgunit-${unitId}`,
  doctor: (doctorId: string) => `doctor-${doctorId}`,
  targets: (unitId: string, year: number) => `targets-${unitId}-${year}`,
  /** One per migrated file, named by its SHA-256 (hex): the same file is the same migration. */
  migration: (fileSha256: string) => `migration-${fileSha256}`,
};
