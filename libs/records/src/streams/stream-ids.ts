/** One consistency boundary per person, unit, doctor and target sheet (design.md, Streams). */
export const streamIds = {
  resident: (residentId: string) => `resident-${residentId}`,
  orgUnit: (unitId: string) => `orgunit-${unitId}`,
  doctor: (doctorId: string) => `doctor-${doctorId}`,
  targets: (unitId: string, year: number) => `targets-${unitId}-${year}`,
};
