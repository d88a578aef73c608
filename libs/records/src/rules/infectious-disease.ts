import type { DiseaseClass } from '../streams/vocabulary';

const HOUR_MS = 3_600_000;

/**
 * The statutory reporting time (传染病信息报告管理规范): class A, and a class B disease managed as
 * class A, within 2 hours of diagnosis; other class B and class C within 24 hours.
 */
export const reportingLimitHours = (
  diseaseClass: DiseaseClass,
  managedAsClassA: boolean,
): 2 | 24 => (diseaseClass === 'A' || managedAsClassA ? 2 : 24);

export interface CaseTimes {
  /** When the case was found (occurredAt). */
  foundAt: string;
  reportedAt: string | null;
  diseaseClass: DiseaseClass;
  managedAsClassA: boolean;
}

/**
 * Whether a case's report counts as a report. A report dated before the case was found is
 * refused at the door, but a migrated one is kept (the old system held it; history is not
 * lost): it counts as a case found, never as reported, and so never as reported in time.
 */
export const reportCounts = (c: CaseTimes): boolean =>
  c.reportedAt !== null && Date.parse(c.reportedAt) >= Date.parse(c.foundAt);

/** Reported, and within the statutory time (the limit itself included). */
export const reportedInTime = (c: CaseTimes): boolean =>
  reportCounts(c) &&
  Date.parse(c.reportedAt!) - Date.parse(c.foundAt) <=
    reportingLimitHours(c.diseaseClass, c.managedAsClassA) * HOUR_MS;
