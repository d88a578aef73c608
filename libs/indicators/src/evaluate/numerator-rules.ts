import type { ResidentIndicatorDefinition } from '../catalog/indicator-definition';
import type { EventRef } from '../model/event-ref';
import { judgeChildHealth } from './child-health';
import { childTcmAgesDue } from './child-tcm';
import { enrolment } from './cohorts';
import { quarterOf, quarterlyDue } from './quarterly-due';
import { USES_A_RECORD, healthRecordOn } from './health-record';
import { deliveriesIn, judgeDelivery } from './maternal';
import { mentalHealthFollowUps, patientRegistration } from './mental-health';
import type { Period } from './period';
import { TB_FIRST_VISIT_DAYS, tbTakenRegularly } from '@libs/records';
import {
  type TbCourse,
  tbCompletedIn,
  tbDaysToFirstVisit,
  tbDoses,
  tbNotifiedIn,
} from './tuberculosis';
import type { LiveRecord, ResidentView } from './resident-view';
import {
  certificateOf,
  dueDosesCounted,
  dueDosesGiven,
  isVaccineRule,
  vaccineOf,
} from './vaccination';

export interface Verdict {
  counted: boolean;
  /** Why not, in both languages, when not counted. */
  reason?: { en: string; zh: string };
  evidence: EventRef[];
}

const inYear = (r: LiveRecord, p: Period) => r.day >= p.start && r.day <= p.day;
const yes = (evidence: EventRef[]): Verdict => ({ counted: true, evidence });
const no = (en: string, zh: string, evidence: EventRef[] = []): Verdict => ({
  counted: false,
  reason: { en, zh },
  evidence,
});

export function activeContracts(v: ResidentView, p: Period): LiveRecord[] {
  return v.records.filter(
    (r) =>
      r.kind === 'contract' &&
      (r.fields.start as string) <= p.day &&
      p.day <= r.end! &&
      (r.terminatedOn === null || r.terminatedOn! > p.day),
  );
}

/**
 * Face-to-face follow-ups due by the period's day: one per quarter from the quarter of
 * enrolment (or the first quarter) to the quarter of the day, so a mid-year enrolment owes
 * proportionally fewer and a progress check before year end asks only for what is due.
 */
export function followUpsDue(v: ResidentView, condition: string, p: Period): number {
  return quarterlyDue(enrolment(v, condition)!.day, p);
}

/**
 * A follow-up in person (clinic or home visit). One by phone counts for no face-to-face rule,
 * and any reading it carries was measured by the patient, unseen: never a control reading.
 */
const inPerson = (r: LiveRecord) => r.fields.mode !== 'phone';

const followUps = (v: ResidentView, condition: string, p: Period) =>
  v.records.filter(
    (r) => r.kind === 'follow_up' && r.fields.condition === condition && inYear(r, p),
  );

/**
 * The follow-up control is judged on: the latest of the year in person (by occurredAt, then log
 * position). Only a correction could leave it without its reading; then it is not controlled:
 * an older, better reading does not stand in for the one nobody recorded.
 */
const lastInPerson = (v: ResidentView, condition: string, p: Period) =>
  followUps(v, condition, p)
    .filter(inPerson)
    .sort((a, b) =>
      a.day === b.day ? a.refs[0].position - b.refs[0].position : a.day < b.day ? -1 : 1,
    )
    .at(-1);

/** Regular medication (规则服药): at least 90% of the doses due taken over the whole course. */
function regularly(course: TbCourse): Verdict {
  const { taken, due } = tbDoses(course);
  const evidence = [
    ...course.registration.refs,
    ...course.medication.flatMap((r) => r.refs),
    ...course.end!.refs,
  ];
  if (tbTakenRegularly(taken, due)) return yes(evidence);
  // One decimal, rounded down: 89.96% is shown as 89.9%, never as the 90% it falls short of.
  const percent = (Math.floor((taken * 1000) / due) / 10).toFixed(1);
  return no(
    `${taken} of the ${due} doses due taken (${percent}%), under 90%`,
    `应服药 ${due} 次，实际服药 ${taken} 次（${percent}%），不足 90%`,
    evidence,
  );
}

/**
 * Whether the resident counts in the numerator: judge's `counted`, without the evidence and
 * reasons where building them costs (the vaccine rules; the same rule decides both).
 */
export function countedBy(def: ResidentIndicatorDefinition, v: ResidentView, p: Period): boolean {
  if (isVaccineRule(def.numerator)) return dueDosesCounted(v, p, vaccineOf(def.numerator));
  if (def.numerator === 'vacc_all_due_given') return dueDosesCounted(v, p);
  return judge(def, v, p).counted;
}

export function judge(def: ResidentIndicatorDefinition, v: ResidentView, p: Period): Verdict {
  const condition = def.cohort;
  if (isVaccineRule(def.numerator)) return dueDosesGiven(v, p, vaccineOf(def.numerator));
  switch (def.numerator) {
    case 'active_contract': {
      const c = activeContracts(v, p)[0];
      return c ? yes(c.refs) : no(`no contract in force on ${p.day}`, `${p.day} 无有效签约`);
    }
    case 'household_contract': {
      const c = activeContracts(v, p).find((k) => k.fields.household === true);
      return c ? yes(c.refs) : no('not signed as part of a household', '未以家庭为单位签约');
    }
    case 'complete_elderly_checkup': {
      const checkups = v.records.filter(
        (r) => r.kind === 'checkup' && r.fields.kind === 'elderly_annual' && inYear(r, p),
      );
      const complete = checkups.find((r) => r.fields.complete === true);
      if (complete) return yes(complete.refs);
      return checkups.length
        ? no(
            'the elderly checkup this year is incomplete',
            '本年度老年人体检项目不全',
            checkups[0].refs,
          )
        : no('no elderly checkup this year', '本年度无老年人体检');
    }
    case 'tcm_assessment': {
      const tcm = v.records.find((r) => r.kind === 'tcm_assessment' && inYear(r, p));
      return tcm
        ? yes(tcm.refs)
        : no('no TCM constitution identification this year', '本年度无中医体质辨识');
    }
    case 'standardised_management': {
      const due = followUpsDue(v, condition, p);
      const faceToFace = followUps(v, condition, p).filter(inPerson);
      const quarters = new Set(faceToFace.map((r) => r.day.slice(0, 4) + quarterOf(r.day)));
      const checkup = v.records.find((r) => r.kind === 'checkup' && inYear(r, p));
      const evidence = [
        ...(enrolment(v, condition)?.refs ?? []),
        ...faceToFace.flatMap((r) => r.refs),
        ...(checkup?.refs ?? []),
      ];
      if (faceToFace.length < due) {
        return no(
          `${faceToFace.length} of the ${due} face-to-face follow-ups due`,
          `应面对面随访 ${due} 次，实际 ${faceToFace.length} 次`,
          evidence,
        );
      }
      if (quarters.size < due) {
        return no(
          `follow-ups fall in ${quarters.size} quarter(s), ${due} due`,
          `随访仅覆盖 ${quarters.size} 个季度，应覆盖 ${due} 个`,
          evidence,
        );
      }
      if (!checkup) return no('no health checkup this year', '本年度无健康体检', evidence);
      return yes(evidence);
    }
    case 'bp_controlled':
    case 'glucose_controlled': {
      const last = lastInPerson(v, condition, p);
      if (!last) {
        const byPhone = followUps(v, condition, p);
        return byPhone.length
          ? no(
              'no face-to-face follow-up this year; a phone follow-up gives no control reading',
              '本年度无面对面随访；电话随访不作为控制判断依据',
              byPhone.flatMap((r) => r.refs),
            )
          : no('no follow-up this year', '本年度无随访');
      }
      const f = last.fields as { systolic?: number; diastolic?: number; fastingGlucose?: number };
      const bp = def.numerator === 'bp_controlled';
      if (
        bp ? f.systolic === undefined || f.diastolic === undefined : f.fastingGlucose === undefined
      )
        return no(
          'the last face-to-face follow-up has no reading',
          '最近一次面对面随访无测量值',
          last.refs,
        );
      const controlled = bp ? f.systolic! < 140 && f.diastolic! < 90 : f.fastingGlucose! < 7;
      if (controlled) return yes(last.refs);
      return bp
        ? no(
            `last blood pressure ${f.systolic}/${f.diastolic} mmHg is not below 140/90`,
            `最近一次血压 ${f.systolic}/${f.diastolic} mmHg 未控制在 140/90 以下`,
            last.refs,
          )
        : no(
            `last fasting glucose ${f.fastingGlucose} mmol/L is not below 7.0`,
            `最近一次空腹血糖 ${f.fastingGlucose} mmol/L 未低于 7.0`,
            last.refs,
          );
    }
    case 'standardised_e_record': {
      const record = healthRecordOn(v, p);
      if (!record) return no(`no health record on ${p.day}`, `${p.day} 尚未建立健康档案`);
      if (!record.electronic)
        return no('the health record is on paper only', '健康档案仅为纸质档案', record.refs);
      return record.complete
        ? yes(record.refs)
        : no(
            'the electronic record is not standardised: parts are missing',
            '电子健康档案未规范化（内容不全）',
            record.refs,
          );
    }
    case 'record_in_use': {
      const use = v.records.find((r) => USES_A_RECORD.has(r.kind) && inYear(r, p));
      return use
        ? yes(use.refs)
        : no(
            'no service recorded in the health record this year',
            '本年度健康档案无服务记录（未动态使用）',
          );
    }
    case 'smd_registered': {
      const registration = patientRegistration(v);
      return registration
        ? yes(registration.refs)
        : no('not a registered severe mental disorder patient', '非登记在册的严重精神障碍患者');
    }
    case 'smd_managed':
    case 'smd_standard': {
      const registration = patientRegistration(v);
      if (!registration)
        return no(
          'not a registered severe mental disorder patient',
          '非登记在册的严重精神障碍患者',
        );
      const followUps = mentalHealthFollowUps(v, p);
      const evidence = [...registration.refs, ...followUps.flatMap((r) => r.refs)];
      if (registration.fields.consent !== true)
        return no(
          'the patient has not consented to be managed',
          '患者（监护人）未签署知情同意，未纳入管理',
          evidence,
        );
      if (def.numerator === 'smd_managed')
        return followUps.length > 0
          ? yes(evidence)
          : no('no follow-up this year', '本年度无随访', evidence);
      const due = quarterlyDue(registration.day, p);
      return followUps.length >= due
        ? yes(evidence)
        : no(
            `${followUps.length} of the ${due} follow-ups due`,
            `应随访 ${due} 次，实际 ${followUps.length} 次`,
            evidence,
          );
    }
    case 'child_tcm_at_ages': {
      const due = childTcmAgesDue(v, p);
      const given = v.records.filter((r) => r.kind === 'child_tcm_guidance');
      const evidence = given.flatMap((r) => r.refs);
      const missed = due.filter((m) => !given.some((r) => r.fields.ageMonths === m));
      return missed.length === 0
        ? yes(evidence)
        : no(
            `no TCM guidance at ${missed.join(', ')} months`,
            `${missed.join('、')} 月龄未接受中医药健康指导`,
            evidence,
          );
    }
    case 'tb_managed':
    case 'tb_visited_timely': {
      const course = tbNotifiedIn(v, p);
      if (!course)
        return no('no tuberculosis patient notified this year', '本年度未接到肺结核患者管理通知');
      const visit = course.firstVisit;
      if (!visit)
        return no(
          `no first home visit since the notification of ${course.notifiedOn}`,
          `${course.notifiedOn} 接到通知后未进行首次入户随访`,
          course.registration.refs,
        );
      const evidence = [...course.registration.refs, ...visit.refs];
      if (def.numerator === 'tb_managed') return yes(evidence);
      const days = tbDaysToFirstVisit(course, visit);
      return days <= TB_FIRST_VISIT_DAYS
        ? yes(evidence)
        : no(
            `first home visit ${days} days after the notification, not within 72 hours (${TB_FIRST_VISIT_DAYS} days)`,
            `首次入户随访在接到通知后第 ${days} 天，超过 72 小时（${TB_FIRST_VISIT_DAYS} 天）`,
            evidence,
          );
    }
    case 'tb_regular_medication': {
      const course = tbCompletedIn(v, p);
      if (!course)
        return no('no tuberculosis treatment completed this year', '本年度无完成疗程的肺结核治疗');
      return regularly(course);
    }
    case 'child_newborn_visited':
    case 'child_checked_up':
    case 'child_at_due_ages':
    case 'child_eye_checked':
      return judgeChildHealth(def.numerator, v, p);
    case 'vacc_certified': {
      const certificate = certificateOf(v);
      return certificate
        ? yes(certificate.refs)
        : no(`no vaccination certificate on ${p.day}`, `${p.day} 未建立预防接种证`);
    }
    case 'vacc_all_due_given':
      return dueDosesGiven(v, p);
    case 'maternal_early_registration':
    case 'maternal_postpartum_visit':
    case 'maternal_system_management': {
      // Counted per live birth (contribution, lineage); as one verdict: every delivery counted.
      const rule = def.numerator;
      const verdicts = deliveriesIn(v, p).map((d) => judgeDelivery(rule, v, d));
      const missed = verdicts.find((x) => !x.counted);
      const evidence = verdicts.flatMap((x) => x.evidence);
      return missed ? { ...missed, evidence } : yes(evidence);
    }
    case 'renewed':
      return no('renewal is judged per contract', '续约按签约计');
    case 'vacc_dose_complete':
      return no('completeness is judged per dose record', '信息完整率按接种记录计');
    default: {
      const unknown: never = def.numerator;
      return unknown;
    }
  }
}
