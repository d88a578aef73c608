import type { AlertDraft } from './alert';
import type { DetectorParams } from './detection-input';

/** `medium` and `high` are the score thresholds (score ≥ threshold). */
export function severityOf(score: number, medium: number, high: number): AlertDraft['severity'] {
  return score >= high ? 'high' : score >= medium ? 'medium' : 'low';
}

export const withDefaults = <P extends DetectorParams>(defaults: P, params?: Partial<P>): P =>
  ({ ...defaults, ...(params ?? {}) }) as P;

export const fmt = (x: number, digits = 1): string =>
  Number.isFinite(x) ? x.toFixed(digits) : String(x);
