import type { ResidentState } from '../streams/resident-state';
import { refuse } from './rule-error';

/** The clinic system's record id, or the commandId when the sender has none. */
export function newRecordId(
  state: ResidentState,
  c: { recordId?: string; commandId: string },
): string {
  const recordId = c.recordId ?? c.commandId;
  if (state.records[recordId]) {
    refuse(
      'RECORD_ID_TAKEN',
      'conflict',
      `记录编号 ${recordId} 已使用`,
      `record id ${recordId} is already used for this resident`,
      { recordId },
    );
  }
  return recordId;
}
