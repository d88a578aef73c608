import { InvalidEventError } from '../errors';
import type { NewEvent } from '../envelope/recorded-event';

const MAX_STREAM_ID = 200;

/** Refuse malformed events before anything touches storage, naming every problem. */
export function validateNewEvents(streamId: string, events: NewEvent[]): void {
  const problems: string[] = [];
  if (!streamId || streamId.length > MAX_STREAM_ID || streamId.startsWith('$')) {
    problems.push(`streamId must be 1-${MAX_STREAM_ID} characters and not start with "$"`);
  }
  if (events.length === 0) problems.push('an append needs at least one event');
  events.forEach((e, i) => {
    if (!e.type || typeof e.type !== 'string') problems.push(`events[${i}].type is required`);
    if (!e.occurredAt || Number.isNaN(Date.parse(e.occurredAt))) {
      problems.push(`events[${i}].occurredAt must be an ISO date`);
    }
    if (e.data === null || typeof e.data !== 'object' || Array.isArray(e.data)) {
      problems.push(`events[${i}].data must be a JSON object`);
    }
    if (
      e.schemaVersion !== undefined &&
      (!Number.isInteger(e.schemaVersion) || e.schemaVersion < 1)
    ) {
      problems.push(`events[${i}].schemaVersion must be a positive integer`);
    }
  });
  if (problems.length > 0) throw new InvalidEventError(problems.join('; '));
}
