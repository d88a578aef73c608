import { IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { TB_SUPERVISORS, type TbSupervisor } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { tbRecordsOf, tbTreatmentForRecord } from '../rules/tb-treatment-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordTbFirstVisitRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** Who will watch the doses taken (督导人员), chosen at the first visit. */
  @IsIn(TB_SUPERVISORS) supervisor!: TbSupervisor;
}

/**
 * The first home visit after the notification (due within 72 hours; a later one still makes the
 * patient managed), once per treatment.
 */
export function decideRecordTbFirstVisit(
  c: Decision<RecordTbFirstVisitRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const t = tbTreatmentForRecord(state, c, { zh: '首次入户随访', en: 'first home visit' });
  const done = tbRecordsOf(state, 'tb_first_visit', t.treatmentId)[0];
  if (done)
    refuse(
      'TB_FIRST_VISIT_DONE',
      'conflict',
      `该疗程的首次入户随访已于 ${chinaDay(done.occurredAt)} 记录`,
      `the first home visit of this treatment was recorded on ${chinaDay(done.occurredAt)}`,
      { treatmentId: t.treatmentId, recordId: done.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    treatmentId: t.treatmentId,
    supervisor: c.supervisor,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TbFirstVisitRecorded', data }];
}

export const recordTbFirstVisit = action({
  type: 'RecordTbFirstVisit',
  summary: {
    zh: '肺结核患者第一次入户随访',
    en: "Record a tuberculosis patient's first home visit",
  },
  request: RecordTbFirstVisitRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordTbFirstVisit },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
