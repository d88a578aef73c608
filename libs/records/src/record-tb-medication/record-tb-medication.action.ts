import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { tbRecordsOf, tbTreatmentForRecord } from '../rules/tb-treatment-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class RecordTbMedicationRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** The month of the medication card summarised (YYYY-MM). */
  @IsString()
  @Matches(MONTH, { message: '$property must be a month YYYY-MM / $property 须为月份（YYYY-MM）' })
  month!: string;
  /** Doses due in the month under the regimen (at most one a day). */
  @IsInt() @Min(0) @Max(31) dosesDue!: number;
  /** Doses taken, as the supervisor marked them on the card. */
  @IsInt() @Min(0) @Max(31) dosesTaken!: number;
}

/**
 * One month of supervised doses (服药卡), recorded on or after the notification and not after the
 * treatment's end; one record per month of a treatment, so no dose is counted twice.
 */
export function decideRecordTbMedication(
  c: Decision<RecordTbMedicationRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const t = tbTreatmentForRecord(state, c, { zh: '服药记录', en: 'medication record' });
  if (c.dosesTaken > c.dosesDue)
    refuse(
      'TB_DOSES_TAKEN_EXCEED_DUE',
      'unprocessable',
      `实际服药 ${c.dosesTaken} 次，多于应服药 ${c.dosesDue} 次`,
      `${c.dosesTaken} doses taken is more than the ${c.dosesDue} due`,
      { dosesDue: c.dosesDue, dosesTaken: c.dosesTaken },
    );
  const day = chinaDay(c.occurredAt);
  const from = t.treatmentStart.slice(0, 7);
  if (c.month < from || c.month > day.slice(0, 7))
    refuse(
      'TB_MEDICATION_MONTH_OUTSIDE_TREATMENT',
      'unprocessable',
      `服药月份 ${c.month} 须在治疗开始月份 ${from} 至记录日期 ${day} 所在月份之间`,
      `medication month ${c.month} must be from the treatment's start (${from}) to the month of the record (${day})`,
      { month: c.month, treatmentStart: t.treatmentStart, occurredAt: c.occurredAt },
    );
  const same = tbRecordsOf(state, 'tb_medication', t.treatmentId).find(
    (r) => r.fields.month === c.month,
  );
  if (same)
    refuse(
      'TB_MEDICATION_MONTH_RECORDED',
      'conflict',
      `该疗程 ${c.month} 的服药记录已存在（${same.recordId}）`,
      `the medication of ${c.month} for this treatment is already recorded (${same.recordId})`,
      { month: c.month, treatmentId: t.treatmentId, recordId: same.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    treatmentId: t.treatmentId,
    month: c.month,
    dosesDue: c.dosesDue,
    dosesTaken: c.dosesTaken,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'TbMedicationRecorded', data }];
}

export const recordTbMedication = action({
  type: 'RecordTbMedication',
  summary: {
    zh: '肺结核患者服药记录（每月服药卡汇总）',
    en: "Record a month of a tuberculosis patient's supervised doses",
  },
  request: RecordTbMedicationRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordTbMedication },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
