import type { AppendContext, RecordedEvent } from '../envelope/recorded-event';
import { CommandIdReusedError } from '../errors';

/**
 * A repeated commandId is a duplicate only when it is the same command: same stream, and the same
 * fingerprint where both sides have one. Anything else is a reuse, refused without revealing the
 * first command's events. Events from before fingerprints existed carry none; for them the stream
 * is the only thing left to compare.
 */
export function assertSameCommand(
  streamId: string,
  context: Pick<AppendContext, 'commandId' | 'commandFingerprint'>,
  prior: RecordedEvent[],
): void {
  const commandId = context.commandId ?? '';
  if (prior.some((e) => e.streamId !== streamId)) throw new CommandIdReusedError(commandId);
  const stored = prior.find((e) => e.commandFingerprint !== undefined)?.commandFingerprint;
  if (
    stored !== undefined &&
    context.commandFingerprint !== undefined &&
    stored !== context.commandFingerprint
  ) {
    throw new CommandIdReusedError(commandId);
  }
}
