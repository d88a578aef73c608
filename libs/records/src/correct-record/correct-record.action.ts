import { IsObject, IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, enrolledOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import type { Condition } from '../streams/vocabulary';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { assertResidentRegistered, assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { assertVitalsPlausible } from '../rules/vitals';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { CORRECTABLE } from './correctable-fields';
import { assertRecordLive, assertReason } from './record-guards';

export class CorrectRecordRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** The record being corrected; it must belong to this resident. */
  @IsId() recordId!: string;
  @IsString() @Length(1, 500) reason!: string;
  /** The corrected values, e.g. {"systolic": 138}; see docs/import-format.md for what may change. */
  @IsObject() changes!: Record<string, unknown>;
}

export function decideCorrectRecord(
  c: Decision<CorrectRecordRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  assertReason(c.reason);
  const record = assertRecordLive(state, c.recordId);
  const allowed = CORRECTABLE[record.recordType];
  const keys = Object.keys(c.changes);
  const bad = keys.filter((k) => !allowed[k] || !allowed[k](c.changes[k]));
  if (keys.length === 0 || bad.length > 0) {
    refuse(
      'CORRECTION_NOT_ALLOWED',
      'unprocessable',
      `不可更正或取值无效的字段：${bad.join(', ') || '（无更正内容）'}`,
      `fields that cannot be corrected or have invalid values: ${bad.join(', ') || '(no changes given)'}`,
      {
        fields: bad,
        correctable: Object.keys(allowed),
      },
    );
  }
  // A vitals correction names only the readings that were wrong; the others are kept.
  const changes =
    c.changes.vitals !== undefined
      ? {
          ...c.changes,
          vitals: { ...((record.fields.vitals as object) ?? {}), ...(c.changes.vitals as object) },
        }
      : c.changes;
  const merged = { ...record.fields, ...changes };
  assertVitalsPlausible((merged.vitals as object) ?? merged);
  if ('occurredAt' in changes) {
    const newDate = changes.occurredAt as string;
    assertServiceAllowed(state, c.residentId, newDate, c.now);
    const condition = merged.condition as Condition | undefined;
    if (
      record.recordType === 'follow_up' &&
      condition &&
      !enrolledOn(state, condition, chinaDay(newDate))
    ) {
      refuse(
        'NOT_ENROLLED',
        'unprocessable',
        `更正后的日期早于纳入管理日期`,
        `the corrected date is before the resident was enrolled in ${condition} care`,
        { condition },
      );
    }
  }
  return [
    {
      type: 'RecordCorrected',
      data: {
        residentId: c.residentId,
        recordId: c.recordId,
        recordType: record.recordType,
        changes,
        reason: c.reason.trim(),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const correctRecord = action({
  type: 'CorrectRecord',
  summary: {
    zh: '更正记录（注明原因，原记录保留）',
    en: 'Correct a record, with a reason; the original stays in the log',
  },
  request: CorrectRecordRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideCorrectRecord },
  unitsTouched: residentUnit,
});
