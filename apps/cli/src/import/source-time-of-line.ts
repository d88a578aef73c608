import type { Clock } from '@libs/ledger';
import {
  SOURCE_RECORDED_AT,
  checkSourceRecordedAt,
  refuseSourceTimeOutsideMigration,
} from '@libs/records';

export interface LineWithSourceTime {
  /** The command as executeCommand sees it: without the source time, which is no command field. */
  command: unknown;
  /** Checked and normalised to a UTC instant; absent when the line carries none. */
  sourceRecordedAt?: string;
}

/**
 * Takes `sourceRecordedAt` off an import line. In a migration it is checked against the ledger
 * time (the clock's now) and the line's own date; outside one it is refused, because then the only
 * recording time is the ledger's. Throws a rule refusal, which the import writes as the line's
 * reject. Anything that is not an object is left to the command's validation.
 */
export function sourceTimeOfLine(
  command: unknown,
  migrating: boolean,
  clock: Clock,
): LineWithSourceTime {
  if (command === null || typeof command !== 'object' || Array.isArray(command)) return { command };
  if (!Object.prototype.hasOwnProperty.call(command, SOURCE_RECORDED_AT)) return { command };
  if (!migrating) refuseSourceTimeOutsideMigration();
  const { [SOURCE_RECORDED_AT]: claimed, ...rest } = command as Record<string, unknown>;
  return {
    command: rest,
    sourceRecordedAt: checkSourceRecordedAt(claimed, rest.occurredAt, clock().toISOString()),
  };
}
