import { IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { TB_OUTCOMES, type TbOutcome } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { latestTbTreatment, tbRecordsOf } from '../rules/tb-treatment-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordTbTreatmentEndRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** Cured, completed, failed, died, lost to follow-up or transferred out (结案评估). */
  @IsIn(TB_OUTCOMES) outcome!: TbOutcome;
}

/**
 * The end of the latest treatment (occurredAt: the day it ended), once; not before the
 * notification nor before a record of the treatment. A migrated end out of that order is kept
 * (history), and the indicators do not take it as the end.
 */
export function decideRecordTbTreatmentEnd(
  c: Decision<RecordTbTreatmentEndRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const t = latestTbTreatment(state, c.residentId);
  const ended = tbRecordsOf(state, 'tb_treatment_end', t.treatmentId)[0];
  if (ended)
    refuse(
      'TB_TREATMENT_ALREADY_ENDED',
      'conflict',
      `该疗程已于 ${chinaDay(ended.occurredAt)} 结案（${String(ended.fields.outcome)}）`,
      `the treatment already ended on ${chinaDay(ended.occurredAt)} (${String(ended.fields.outcome)})`,
      { treatmentId: t.treatmentId, recordId: ended.recordId },
    );
  const day = chinaDay(c.occurredAt);
  if (day < t.notifiedOn && !c.migrated)
    refuse(
      'TB_END_BEFORE_NOTIFICATION',
      'unprocessable',
      `结案日期 ${day} 早于接到肺结核患者通知的日期 ${t.notifiedOn}`,
      `treatment end dated ${day} is before the patient was notified on ${t.notifiedOn}`,
      { occurredAt: c.occurredAt, notifiedOn: t.notifiedOn, treatmentId: t.treatmentId },
    );
  const later = (['tb_first_visit', 'tb_medication', 'tb_follow_up'] as const)
    .flatMap((type) => tbRecordsOf(state, type, t.treatmentId))
    .map((r) => chinaDay(r.occurredAt))
    .filter((d) => d > day)
    .sort()
    .at(-1);
  if (later && !c.migrated)
    refuse(
      'TB_END_BEFORE_LAST_RECORD',
      'unprocessable',
      `结案日期 ${day} 早于该疗程 ${later} 的记录`,
      `treatment end dated ${day} is before a record of the treatment dated ${later}`,
      { occurredAt: c.occurredAt, lastRecordOn: later, treatmentId: t.treatmentId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    treatmentId: t.treatmentId,
    outcome: c.outcome,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TbTreatmentEnded', data }];
}

export const recordTbTreatmentEnd = action({
  type: 'RecordTbTreatmentEnd',
  summary: {
    zh: '肺结核患者结案（治疗结束及转归）',
    en: "Record the end of a tuberculosis patient's treatment and its outcome",
  },
  request: RecordTbTreatmentEndRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordTbTreatmentEnd },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
