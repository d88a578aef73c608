import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from './event-store.port';

/** Shared check so every adapter agrees on what an expected revision means. */
export function assertExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  actual: number,
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === -1) ||
    (expected === 'stream_exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
