import { tbSequenceFault } from '@libs/records';
import type { RecordKind } from '../model/resident-model';
import type { LiveRecord, ResidentView } from './resident-view';

/**
 * A record whose dates cannot be true together with the resident's other records: a visit
 * before the birth, a 42-day check before the delivery, a dose before its minimum age, a
 * tuberculosis visit before the notification. The deciders refuse these; a migrated record
 * (the old system had it) is kept, and the indicators do not count it. The impossible-sequence
 * detector shows each one, with the events behind it, so a supervisor learns what was kept.
 */
export interface SequenceFault {
  recordId: string;
  kind: RecordKind;
  day: string;
  /** The rule the dates break, as a code (e.g. before_notification). */
  fault: string;
  zh: string;
  en: string;
  /** The record's events (creation and corrections). */
  eventIds: string[];
}

/**
 * The events whose records have a sequence to keep: a resident with one of these migrated or
 * corrected is worth looking at; nobody else can hold an impossible sequence (the deciders
 * refuse one at the door).
 */
export const SEQUENCE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'TuberculosisPatientRegistered',
  'TbFirstVisitRecorded',
  'TbMedicationRecorded',
  'TbFollowUpRecorded',
  'TbTreatmentEnded',
]);

const faultOf = (r: LiveRecord, fault: string, zh: string, en: string): SequenceFault => ({
  recordId: r.recordId,
  kind: r.kind,
  day: r.day,
  fault,
  zh,
  en,
  eventIds: r.refs.map((ref) => ref.eventId),
});

const TB_WORDS: Record<string, { zh: string; en: string }> = {
  tb_first_visit: { zh: '肺结核首次入户随访', en: 'tuberculosis first home visit' },
  tb_medication: { zh: '肺结核服药记录', en: 'tuberculosis medication record' },
  tb_follow_up: { zh: '肺结核随访', en: 'tuberculosis follow-up' },
  tb_treatment_end: { zh: '肺结核治疗结束', en: 'end of tuberculosis treatment' },
};

/** A tuberculosis record dated before its notification, or after its treatment ended. */
function tbFaults(v: ResidentView): SequenceFault[] {
  const out: SequenceFault[] = [];
  for (const reg of v.records) {
    if (reg.kind !== 'tb_registration') continue;
    const ofThis = v.records.filter((r) => r.fields.treatmentId === reg.recordId);
    const notifiedOn = reg.day;
    const end = ofThis.find(
      (r) =>
        r.kind === 'tb_treatment_end' &&
        tbSequenceFault('end', r.day, { notifiedOn, endedOn: null }) === null,
    );
    const days = { notifiedOn, endedOn: end?.day ?? null };
    for (const r of ofThis) {
      const words = TB_WORDS[r.kind];
      if (!words) continue;
      const fault = tbSequenceFault(r.kind === 'tb_treatment_end' ? 'end' : 'record', r.day, days);
      if (fault === 'before_notification')
        out.push(
          faultOf(
            r,
            fault,
            `${words.zh}日期 ${r.day} 早于医院通知日期 ${notifiedOn}`,
            `${words.en} dated ${r.day}, before the hospital's notification on ${notifiedOn}`,
          ),
        );
      else if (fault === 'after_end')
        out.push(
          faultOf(
            r,
            fault,
            `${words.zh}日期 ${r.day} 晚于治疗结束日期 ${days.endedOn}`,
            `${words.en} dated ${r.day}, after the treatment ended on ${days.endedOn}`,
          ),
        );
    }
  }
  return out;
}

const CATEGORY_FAULTS: ((v: ResidentView) => SequenceFault[])[] = [tbFaults];

/** Every record of the resident, as the view knows them, whose dates are out of sequence. */
export function sequenceFaultsOf(v: ResidentView): SequenceFault[] {
  return CATEGORY_FAULTS.flatMap((f) => f(v));
}
