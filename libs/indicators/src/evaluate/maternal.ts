import { MATERNAL, postpartumFault, pregnancyLapseDay } from '@libs/records';
import type { EventRef } from '../model/event-ref';
import type { Verdict } from './numerator-rules';
import type { Period } from './period';
import type { LiveRecord, ResidentView } from './resident-view';

export type MaternalRule =
  'maternal_early_registration' | 'maternal_postpartum_visit' | 'maternal_system_management';

const text = (r: LiveRecord, key: string): string | null => {
  const v = r.fields[key];
  return typeof v === 'string' ? v : null;
};
const whole = (r: LiveRecord, key: string): number => {
  const v = r.fields[key];
  return typeof v === 'number' ? v : 0;
};

/** Live births of a delivery (活产数): twins are two. */
export const liveBirthsOf = (d: LiveRecord): number => {
  const births = d.fields.liveBirths;
  return Array.isArray(births) ? births.length : 0;
};

/**
 * The maternal statistical year of a period (妇幼卫生统计年度): 1 October of the year before to
 * 30 September. Births are counted by it, as the maternal and child health returns count them,
 * so a December delivery is judged when its 42-day check can have happened, not never.
 */
export const maternalYear = (p: Pick<Period, 'year'>) => ({
  start: `${p.year - 1}-10-01`,
  end: `${p.year}-09-30`,
});

/**
 * The deliveries with a live birth in the period's maternal year, by delivery day up to the
 * period's day: the births the maternal rates are over. Only a woman of childbearing age is
 * looked at, so most residents cost a comparison.
 */
export function deliveriesIn(v: ResidentView, p: Period): LiveRecord[] {
  if (v.age < 12 || v.age > 60) return [];
  const { start, end } = maternalYear(p);
  const last = end < p.day ? end : p.day;
  return v.records.filter(
    (r) => r.kind === 'delivery' && r.day >= start && r.day <= last && liveBirthsOf(r) > 0,
  );
}

const yes = (evidence: EventRef[]): Verdict => ({ counted: true, evidence });
const no = (en: string, zh: string, evidence: EventRef[]): Verdict => ({
  counted: false,
  reason: { en, zh },
  evidence,
});

/** Registered before 13 weeks with a first antenatal check before 13 weeks; ≥ 5 checks. */
function antenatal(v: ResidentView, d: LiveRecord): { early: Verdict; five: Verdict } {
  const pregnancy = v.records.find(
    (r) => r.kind === 'pregnancy_registration' && r.recordId === text(d, 'pregnancyRecordId'),
  );
  if (!pregnancy) {
    const none = no('no pregnancy registered before the delivery', '分娩前未登记建册', d.refs);
    return { early: none, five: none };
  }
  // A check before the registration or after the delivery (kept from a migration) does not count.
  const checks = v.records.filter(
    (r) =>
      r.kind === 'antenatal_check' &&
      text(r, 'pregnancyRecordId') === pregnancy.recordId &&
      r.day >= pregnancy.day &&
      r.day <= d.day,
  );
  const evidence = [...pregnancy.refs, ...checks.flatMap((c) => c.refs), ...d.refs];
  const week = whole(pregnancy, 'gestationalWeek');
  const before = MATERNAL.earlyBeforeWeek;
  const early =
    week >= before
      ? no(
          `registered in week ${week}, not before ${before} weeks`,
          `孕 ${week} 周建册，未在孕13周前`,
          evidence,
        )
      : checks.some((c) => whole(c, 'gestationalWeek') < before)
        ? yes(evidence)
        : no(`no antenatal check before ${before} weeks`, '孕13周前无产前检查', evidence);
  const n = checks.length;
  const five =
    n >= MATERNAL.antenatalChecks
      ? yes(evidence)
      : no(
          `${n} antenatal checks, ${MATERNAL.antenatalChecks} asked`,
          `产前检查 ${n} 次，不足 5 次`,
          evidence,
        );
  return { early, five };
}

const FAULT_WORDS = {
  visit: {
    none: ['no postpartum visit', '无产后访视'],
    late: ['postpartum visit later than 28 days after discharge', '产后访视晚于出院后 28 天'],
    wrong: ['postpartum visit dated before the discharge', '产后访视日期早于出院'],
  },
  check_42: {
    none: ['no 42-day postpartum check', '无产后42天健康检查'],
    late: ['42-day check after day 56', '产后42天健康检查晚于产后第 56 天'],
    wrong: ['42-day check before day 42', '产后42天健康检查早于产后第 42 天'],
  },
} as const;

/** A postpartum visit within 28 days of discharge, or a 42-day check from day 42 to day 56. */
function postpartum(v: ResidentView, d: LiveRecord, kind: 'visit' | 'check_42'): Verdict {
  const records = v.records.filter(
    (r) =>
      r.kind === (kind === 'visit' ? 'postpartum_visit' : 'postpartum_check') &&
      text(r, 'deliveryRecordId') === d.recordId,
  );
  const evidence = [...d.refs, ...records.flatMap((r) => r.refs)];
  const discharge = text(d, 'dischargeDate') ?? d.day;
  const faults = records.map((r) => postpartumFault(d.day, r.day, kind, discharge));
  const words = FAULT_WORDS[kind];
  if (faults.includes(null)) return yes(evidence);
  const [en, zh] =
    faults.length === 0 ? words.none : faults.includes('late') ? words.late : words.wrong;
  return no(en, zh, evidence);
}

/** Whether one delivery counts for a maternal rule, with the records behind it. */
export function judgeDelivery(rule: MaternalRule, v: ResidentView, d: LiveRecord): Verdict {
  if (rule === 'maternal_postpartum_visit') return postpartum(v, d, 'visit');
  const { early, five } = antenatal(v, d);
  if (rule === 'maternal_early_registration') return early;
  const parts = [early, five, postpartum(v, d, 'visit'), postpartum(v, d, 'check_42')];
  const missed = parts.find((x) => !x.counted);
  const evidence = [...new Set(parts.flatMap((x) => x.evidence))];
  return missed ? { ...missed, evidence } : yes(evidence);
}

export const isMaternalRule = (rule: string): rule is MaternalRule =>
  rule === 'maternal_early_registration' ||
  rule === 'maternal_postpartum_visit' ||
  rule === 'maternal_system_management';

/**
 * Whether the resident has an open pregnancy on a day: registered by then, with no delivery of
 * it by then and not lapsed (44 weeks without one). For the key-population cohort: pregnant
 * women are among those signed first. Reads the view's records (those dated up to its day).
 */
export function hasOpenPregnancy(v: Pick<ResidentView, 'records'>, day: string): boolean {
  return v.records.some(
    (r) =>
      r.kind === 'pregnancy_registration' &&
      r.day <= day &&
      day <= pregnancyLapseDay(r.day, whole(r, 'gestationalWeek')) &&
      !v.records.some(
        (d) => d.kind === 'delivery' && text(d, 'pregnancyRecordId') === r.recordId && d.day <= day,
      ),
  );
}
