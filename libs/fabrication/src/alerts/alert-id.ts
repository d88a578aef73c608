import { createHash } from 'node:crypto';
import { type AlertDraft, alertKey } from '../alert';

/** The same detector, subject and evidence always give the same id: de-duplication by stream. */
export function alertId(a: Pick<AlertDraft, 'detector' | 'subject' | 'evidence'>): string {
  return createHash('sha256').update(alertKey(a), 'utf8').digest('hex').slice(0, 16);
}

export const alertStream = (id: string): string => `alert-${id}`;

/** One stream listing every alert raised, so a list reads one stream, not the whole log. */
export const ALERT_DIRECTORY_STREAM = 'alert-directory';
