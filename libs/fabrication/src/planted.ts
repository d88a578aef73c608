import type { DetectorId, SubjectKind } from './alert';

/**
 * One planted case of the synthetic district's ground truth (the `--inject` side file, one JSON
 * object per line). An alert finds it when detector and subject match.
 */
export interface PlantedCase {
  pattern: DetectorId;
  subject: { kind: SubjectKind; id: string };
  period: number;
  /** The commandIds of the planted records, for reading the evidence. */
  commandIds: string[];
}
