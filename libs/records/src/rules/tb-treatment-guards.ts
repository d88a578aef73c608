import type { ResidentState, ServiceRecord } from '../streams/resident-state';
import type { TbDosing, TbRegimen } from '../streams/vocabulary';
import { chinaDay } from './dates';
import { refuse } from './rule-error';
import { type TbTreatmentDays, tbSequenceFault } from './tb-sequence';

/** A tuberculosis treatment as the resident's stream knows it. */
export interface TbTreatment extends TbTreatmentDays {
  treatmentId: string;
  treatmentStart: string;
  regimen: TbRegimen;
  dosing: TbDosing;
}

const live = (state: ResidentState, type: ServiceRecord['recordType']) =>
  Object.values(state.records).filter((r) => r.recordType === type && !r.voided);

/** The live records of one treatment of a type (a visit, the months of medication, the end). */
export const tbRecordsOf = (
  state: ResidentState,
  type: ServiceRecord['recordType'],
  treatmentId: string,
): ServiceRecord[] => live(state, type).filter((r) => r.fields.treatmentId === treatmentId);

/** The resident's live treatments in notification order, each with its end if it has one. */
export function tbTreatments(state: ResidentState): TbTreatment[] {
  return live(state, 'tb_registration')
    .map((r) => {
      const notifiedOn = chinaDay(r.occurredAt);
      const end = tbRecordsOf(state, 'tb_treatment_end', r.recordId)
        .map((e) => chinaDay(e.occurredAt))
        .find((day) => day >= notifiedOn);
      return {
        treatmentId: r.recordId,
        notifiedOn,
        endedOn: end ?? null,
        treatmentStart: chinaDay(r.fields.treatmentStart as string),
        regimen: r.fields.regimen as TbRegimen,
        dosing: r.fields.dosing as TbDosing,
      };
    })
    .sort((a, b) => (a.notifiedOn < b.notifiedOn ? -1 : a.notifiedOn > b.notifiedOn ? 1 : 0));
}

/** The latest treatment; refuses a resident never notified as a patient. */
export function latestTbTreatment(state: ResidentState, residentId: string): TbTreatment {
  const all = tbTreatments(state);
  if (all.length === 0)
    refuse(
      'TB_NOT_A_PATIENT',
      'unprocessable',
      `居民 ${residentId} 未经定点医院通知登记为肺结核患者`,
      `resident ${residentId} has not been notified as a tuberculosis patient`,
      { residentId },
    );
  return all[all.length - 1];
}

/**
 * The treatment a visit, follow-up or medication record of a day belongs to: the last notified
 * on or before the day (the first, for a day before any notification), and the record in order
 * within it. Out of order is refused, unless the command is migrated: history already happened in
 * the old system, so it is kept and the indicators do not count it (tbSequenceFault).
 */
export function tbTreatmentForRecord(
  state: ResidentState,
  c: { residentId: string; occurredAt: string; migrated?: true },
  what: { zh: string; en: string },
): TbTreatment {
  latestTbTreatment(state, c.residentId);
  const day = chinaDay(c.occurredAt);
  const all = tbTreatments(state);
  const t = all.filter((x) => x.notifiedOn <= day).at(-1) ?? all[0];
  const fault = tbSequenceFault('record', day, t);
  if (fault === 'before_notification' && !c.migrated)
    refuse(
      'TB_RECORD_BEFORE_NOTIFICATION',
      'unprocessable',
      `${what.zh}日期 ${day} 早于接到肺结核患者通知的日期 ${t.notifiedOn}`,
      `${what.en} dated ${day} is before the patient was notified on ${t.notifiedOn}`,
      { occurredAt: c.occurredAt, notifiedOn: t.notifiedOn, treatmentId: t.treatmentId },
    );
  if (fault === 'after_end' && !c.migrated)
    refuse(
      'TB_RECORD_AFTER_TREATMENT_END',
      'unprocessable',
      `${what.zh}日期 ${day} 晚于疗程结束日期 ${t.endedOn}`,
      `${what.en} dated ${day} is after the treatment ended on ${t.endedOn}`,
      { occurredAt: c.occurredAt, endedOn: t.endedOn, treatmentId: t.treatmentId },
    );
  return t;
}
