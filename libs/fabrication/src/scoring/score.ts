import { type AlertDraft, DETECTORS, type DetectorId } from '../alert';
import type { PlantedCase } from '../planted';

/** How one detector did against the planted ground truth. */
export interface DetectorScore {
  detector: DetectorId;
  /** Planted cases of this pattern. */
  planted: number;
  /** Alerts of this detector (drafts, not subjects). */
  alerts: number;
  /** Planted cases an alert of this detector found (same subject kind and id). */
  truePositives: number;
  /** Subjects this detector alerted on that were not planted (each subject counted once). */
  falsePositives: number;
  /** Planted cases no alert found. */
  falseNegatives: number;
  /** TP / (TP + FP); null when the detector alerted on nothing. */
  precision: number | null;
  /** TP / planted; null when nothing was planted. */
  recall: number | null;
  /** The subjects behind the false positives and false negatives, for reading. */
  falsePositiveSubjects: string[];
  falseNegativeSubjects: string[];
  /** Decoys of this pattern the detector alerted on (also counted as false positives). */
  decoys: number;
  decoyHits: string[];
  /** The subtle variants among the planted cases, and how many of them an alert found. */
  subtle: { planted: number; found: number };
}

const key = (s: { kind: string; id: string }) => `${s.kind}:${s.id}`;

/**
 * Pure: precision and recall of each detector against the planted cases. A planted case is found
 * when an alert of the detector of the same name names the same subject (kind and id). Report
 * subjects are planted under the report's commandId while the detector names the report's event,
 * so `eventOfCommand` (commandId → eventId of the log) translates the planted side. Several
 * alerts on one subject count once, as the subject is what a supervisor checks.
 */
export function scoreDetections(
  alerts: readonly AlertDraft[],
  planted: readonly PlantedCase[],
  eventOfCommand: ReadonlyMap<string, string>,
  detectors: readonly DetectorId[] = DETECTORS,
): DetectorScore[] {
  return detectors.map((detector) => {
    const decoys = new Set(
      planted.filter((c) => c.pattern === detector && c.decoy).map((c) => key(c.subject)),
    );
    const truth = new Set(
      planted
        .filter((c) => c.pattern === detector && !c.decoy)
        .map((c) =>
          key(
            c.subject.kind === 'report'
              ? { kind: 'report', id: eventOfCommand.get(c.subject.id) ?? c.subject.id }
              : c.subject,
          ),
        ),
    );
    const subtle = new Set(
      planted
        .filter((c) => c.pattern === detector && c.subtle && !c.decoy)
        .map((c) => key(c.subject)),
    );
    const mine = alerts.filter((a) => a.detector === detector);
    const alerted = new Set(mine.map((a) => key(a.subject)));
    const found = [...truth].filter((s) => alerted.has(s));
    const falsePositiveSubjects = [...alerted].filter((s) => !truth.has(s)).sort();
    const falseNegativeSubjects = [...truth].filter((s) => !alerted.has(s)).sort();
    const tp = found.length;
    return {
      detector,
      planted: truth.size,
      alerts: mine.length,
      truePositives: tp,
      falsePositives: falsePositiveSubjects.length,
      falseNegatives: falseNegativeSubjects.length,
      precision: alerted.size === 0 ? null : tp / (tp + falsePositiveSubjects.length),
      recall: truth.size === 0 ? null : tp / truth.size,
      falsePositiveSubjects,
      falseNegativeSubjects,
      decoys: decoys.size,
      decoyHits: falsePositiveSubjects.filter((s) => decoys.has(s)),
      subtle: {
        planted: subtle.size,
        found: [...subtle].filter((s) => alerted.has(s)).length,
      },
    };
  });
}

/**
 * A detector passes when it names no decoy and, where cases were planted, precision and recall
 * both reach `threshold`.
 */
export function scorePasses(s: DetectorScore, threshold = 0.9): boolean {
  if (s.decoyHits.length > 0) return false;
  if (s.planted === 0) return true;
  return (s.precision ?? 0) >= threshold && (s.recall ?? 0) >= threshold;
}

/** commandId → the id of the first event it appended, from the log. */
export function eventsByCommand(
  events: Iterable<{ commandId: string | null; eventId: string }>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of events) if (e.commandId && !map.has(e.commandId)) map.set(e.commandId, e.eventId);
  return map;
}

/** Reads a truth file (JSON lines of PlantedCase); blank lines are skipped. */
export function parsePlanted(text: string): PlantedCase[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const c = JSON.parse(l) as PlantedCase;
      if (!c || typeof c.pattern !== 'string' || !c.subject?.kind || !c.subject?.id)
        throw new SyntaxError(`truth line ${i + 1} is not a planted case`);
      return c;
    });
}
