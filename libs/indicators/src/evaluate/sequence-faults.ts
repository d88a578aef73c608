import {
  childCheckupFault,
  newbornVisitFault,
  postpartumFault,
  refusedAtTheDoor,
  tbSequenceFault,
} from '@libs/records';
import type { RecordKind } from '../model/resident-model';
import type { LiveRecord, ResidentView } from './resident-view';
import { doseFaults } from './vaccination';

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
  'NewbornVisitRecorded',
  'ChildCheckupRecorded',
  'VaccineDoseRecorded',
  'PregnancyRegistered',
  'AntenatalCheckRecorded',
  'DeliveryRecorded',
  'PostpartumVisitRecorded',
  'PostpartumCheckRecorded',
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

const NEWBORN_WORDS: Record<string, [string, string]> = {
  visit_before_birth: ['新生儿访视日期早于出生日期', 'newborn visit dated before the birth'],
  discharged_before_birth: ['出院日期早于出生日期', 'discharge dated before the birth'],
  visit_before_discharge: [
    '新生儿访视日期早于出院日期',
    'newborn visit dated before the discharge',
  ],
};

/** A newborn visit before the birth or the discharge, a child checkup before the birth. */
function childFaults(v: ResidentView): SequenceFault[] {
  const out: SequenceFault[] = [];
  for (const r of v.records) {
    if (r.kind === 'newborn_visit') {
      const discharged = r.fields.dischargedOn as string;
      const fault = newbornVisitFault(v.birthDate, discharged, r.day);
      if (!fault) continue;
      const [zh, en] = NEWBORN_WORDS[fault];
      out.push(
        faultOf(
          r,
          fault,
          `${zh}（访视 ${r.day}，出生 ${v.birthDate}，出院 ${discharged}）`,
          `${en} (visit ${r.day}, birth ${v.birthDate}, discharge ${discharged})`,
        ),
      );
    } else if (r.kind === 'child_checkup' && childCheckupFault(v.birthDate, r.day))
      out.push(
        faultOf(
          r,
          'checkup_before_birth',
          `儿童健康检查日期 ${r.day} 早于出生日期 ${v.birthDate}`,
          `child checkup dated ${r.day}, before the birth on ${v.birthDate}`,
        ),
      );
  }
  return out;
}

/** A dose the schedule does not allow on its day (before the minimum age or interval). */
const vaccinationFaults = (v: ResidentView): SequenceFault[] =>
  v.age > 7 ? [] : doseFaults(v).map((f) => faultOf(f.record, f.code, f.zh, f.en));

const POSTPARTUM_WORDS = {
  postpartum_visit: { zh: '产后访视', en: 'postpartum visit' },
  postpartum_check: { zh: '产后42天健康检查', en: '42-day postpartum check' },
} as const;

/**
 * A postpartum visit or 42-day check before the delivery, the discharge or day 42; an antenatal
 * check before the pregnancy's registration or after its delivery.
 */
function maternalFaults(v: ResidentView): SequenceFault[] {
  if (v.age < 12 || v.age > 60) return [];
  const out: SequenceFault[] = [];
  const byId = new Map(v.records.map((r) => [r.recordId, r]));
  for (const r of v.records) {
    if (r.kind === 'postpartum_visit' || r.kind === 'postpartum_check') {
      const d = byId.get(r.fields.deliveryRecordId as string);
      if (!d) continue;
      const discharge = (d.fields.dischargeDate as string | undefined) ?? d.day;
      const kind = r.kind === 'postpartum_visit' ? 'visit' : 'check_42';
      const fault = postpartumFault(d.day, r.day, kind, discharge);
      if (!refusedAtTheDoor(fault)) continue;
      const w = POSTPARTUM_WORDS[r.kind];
      out.push(
        faultOf(
          r,
          fault!,
          `${w.zh}日期 ${r.day} 不可能（分娩 ${d.day}，出院 ${discharge}）`,
          `${w.en} dated ${r.day} cannot be (delivery ${d.day}, discharge ${discharge})`,
        ),
      );
    } else if (r.kind === 'antenatal_check') {
      const pregnancy = byId.get(r.fields.pregnancyRecordId as string);
      if (!pregnancy) continue;
      const delivery = v.records.find(
        (x) => x.kind === 'delivery' && x.fields.pregnancyRecordId === pregnancy.recordId,
      );
      if (r.day < pregnancy.day)
        out.push(
          faultOf(
            r,
            'check_before_registration',
            `产前检查日期 ${r.day} 早于建册日期 ${pregnancy.day}`,
            `antenatal check dated ${r.day}, before the pregnancy was registered on ${pregnancy.day}`,
          ),
        );
      else if (delivery && r.day > delivery.day)
        out.push(
          faultOf(
            r,
            'check_after_delivery',
            `产前检查日期 ${r.day} 晚于分娩日期 ${delivery.day}`,
            `antenatal check dated ${r.day}, after the delivery on ${delivery.day}`,
          ),
        );
    }
  }
  return out;
}

const CATEGORY_FAULTS: ((v: ResidentView) => SequenceFault[])[] = [
  childFaults,
  vaccinationFaults,
  maternalFaults,
  tbFaults,
];

/** Every record of the resident, as the view knows them, whose dates are out of sequence. */
export function sequenceFaultsOf(v: ResidentView): SequenceFault[] {
  return CATEGORY_FAULTS.flatMap((f) => f(v));
}
