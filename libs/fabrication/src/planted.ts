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
  /**
   * A decoy: honest work that looks like the pattern to a naive detector (a centre's checkup
   * day, a high-volume doctor). Its detector must NOT name the subject; the value says what it is.
   */
  decoy?: string;
  /** A harder variant of the pattern (below the obvious thresholds); scored like any other. */
  subtle?: string;
}
