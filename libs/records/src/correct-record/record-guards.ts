import type { ResidentState, ServiceRecord } from '../streams/resident-state';
import { refuse } from '../rules/rule-error';

export function assertReason(reason: string): void {
  if (reason.trim().length === 0) {
    refuse(
      'REASON_REQUIRED',
      'unprocessable',
      '必须说明更正或作废的原因',
      'a correction or void must give a reason',
    );
  }
}

/** Corrections and voids name an existing, not yet voided record of this same resident. */
export function assertRecordLive(state: ResidentState, recordId: string): ServiceRecord {
  const record = state.records[recordId];
  if (!record) {
    return refuse(
      'RECORD_NOT_FOUND',
      'not_found',
      `该居民没有记录 ${recordId}`,
      `the resident has no record ${recordId}`,
      { recordId },
    );
  }
  if (record.voided) {
    return refuse(
      'RECORD_VOIDED',
      'conflict',
      `记录 ${recordId} 已作废`,
      `record ${recordId} has been voided`,
      { recordId },
    );
  }
  return record;
}
