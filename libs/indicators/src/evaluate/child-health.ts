import {
  CHILD_UNDER_3_AGES,
  NEWBORN_VISIT_DAYS,
  childCheckupFault,
  monthAgeDay,
  newbornVisitDay,
  newbornVisitFault,
} from '@libs/records';
import type { NumeratorRule } from '../catalog/indicator-definition';
import type { EventRef } from '../model/event-ref';
import type { Period } from './period';
import type { LiveRecord, ResidentView } from './resident-view';

/** What a child-health rule answers (the shape of numerator-rules' Verdict). */
interface ChildVerdict {
  counted: boolean;
  reason?: { en: string; zh: string };
  evidence: EventRef[];
}

const NONE: number[] = [];
const yes = (evidence: EventRef[]): ChildVerdict => ({ counted: true, evidence });
const no = (en: string, zh: string, evidence: EventRef[] = []): ChildVerdict => ({
  counted: false,
  reason: { en, zh },
  evidence,
});

/**
 * A live birth of the period (活产): a child born in the year, up to the period's day. Age is
 * counted at the year's end, so 0 means born this year; an adult costs one comparison.
 */
export const isLiveBirth = (v: Pick<ResidentView, 'age' | 'birthDate'>, p: Period): boolean =>
  v.age === 0 && v.birthDate <= p.day;

/**
 * The checkup ages (1, 3 … 36 months) a child 0–2 reached in the period, up to its day: the
 * checkups system management asks of them this year. With age counted at the year's end, a
 * child 0–2 reaches 30 months at most in the year; the 36-month checkup falls due the year the
 * child is 3, outside the cohort (it still counts for the under-7 health management).
 */
export function childCheckupAgesDue(
  v: Pick<ResidentView, 'age' | 'birthDate'>,
  p: Period,
): number[] {
  // Asked of every resident: anyone 3 or older is answered without date arithmetic.
  if (v.age > 2) return NONE;
  return CHILD_UNDER_3_AGES.filter((m) => {
    const day = monthAgeDay(v.birthDate, m);
    return day >= p.start && day <= p.day;
  });
}

/** A record whose dates cannot be (a migrated visit before the birth): kept, never counted. */
function impossible(r: LiveRecord, birthDate: string): boolean {
  if (r.kind === 'newborn_visit')
    return newbornVisitFault(birthDate, r.fields.dischargedOn as string, r.day) !== null;
  return childCheckupFault(birthDate, r.day) !== null;
}

/** The child's newborn visit and checkups, those with possible dates only. */
const childServices = (v: ResidentView): LiveRecord[] =>
  v.records.filter(
    (r) =>
      (r.kind === 'newborn_visit' || r.kind === 'child_checkup') && !impossible(r, v.birthDate),
  );

const inYear = (r: LiveRecord, p: Period) => r.day >= p.start && r.day <= p.day;

/**
 * An eye check (眼保健): the eyes examined at the newborn visit or a checkup; from the 4-year
 * checkup on, the vision of both eyes tested as well (the eye-care specification's 13 checks).
 */
const eyeChecked = (r: LiveRecord): boolean =>
  r.fields.eyeExamined === true &&
  (r.kind === 'newborn_visit' ||
    (r.fields.ageMonths as number) < 48 ||
    (typeof r.fields.visionLeft === 'number' && typeof r.fields.visionRight === 'number'));

function newbornVisited(v: ResidentView): ChildVerdict {
  const visits = v.records.filter((r) => r.kind === 'newborn_visit');
  const evidence = visits.flatMap((r) => r.refs);
  if (visits.length === 0) return no('no newborn home visit', '无新生儿家庭访视');
  const possible = visits.filter((r) => !impossible(r, v.birthDate));
  if (possible.length === 0)
    return no(
      'the newborn visit is dated before the birth or the discharge',
      '新生儿访视日期早于出生或出院日期',
      evidence,
    );
  const after = Math.min(
    ...possible.map((r) => newbornVisitDay(r.fields.dischargedOn as string, r.day)),
  );
  return after <= NEWBORN_VISIT_DAYS
    ? yes(evidence)
    : no(
        `visited on day ${after} after the discharge, later than day ${NEWBORN_VISIT_DAYS}`,
        `出院后第 ${after} 天访视，超过 ${NEWBORN_VISIT_DAYS} 天`,
        evidence,
      );
}

function seenAtDueAges(v: ResidentView, p: Period): ChildVerdict {
  const checkups = childServices(v).filter((r) => r.kind === 'child_checkup');
  const evidence = checkups.flatMap((r) => r.refs);
  const missed = childCheckupAgesDue(v, p).filter(
    (m) => !checkups.some((r) => r.fields.ageMonths === m),
  );
  return missed.length === 0
    ? yes(evidence)
    : no(
        `no checkup at ${missed.join(', ')} months`,
        `${missed.join('、')} 月龄未做健康检查`,
        evidence,
      );
}

/** The children 0–6 rules (numerator-rules.ts hands them here). */
export function judgeChildHealth(
  rule: Extract<
    NumeratorRule,
    'child_newborn_visited' | 'child_checked_up' | 'child_at_due_ages' | 'child_eye_checked'
  >,
  v: ResidentView,
  p: Period,
): ChildVerdict {
  switch (rule) {
    case 'child_newborn_visited':
      return newbornVisited(v);
    case 'child_at_due_ages':
      return seenAtDueAges(v, p);
    case 'child_checked_up': {
      // The newborn visit is the first of a child's health management visits (随访) as well.
      const seen = childServices(v).find((r) => inYear(r, p));
      return seen
        ? yes(seen.refs)
        : no('no newborn visit or child checkup this year', '本年度无新生儿访视或儿童健康检查');
    }
    case 'child_eye_checked': {
      const year = childServices(v).filter((r) => inYear(r, p));
      const eyes = year.find(eyeChecked);
      if (eyes) return yes(eyes.refs);
      return year.length
        ? no(
            'eyes not examined (or, from 4 years, vision not tested) this year',
            '本年度未做眼保健检查（4 岁起未查视力）',
            year.flatMap((r) => r.refs),
          )
        : no('no eye check this year', '本年度无眼保健和视力检查');
    }
    default: {
      const unknown: never = rule;
      return unknown;
    }
  }
}
