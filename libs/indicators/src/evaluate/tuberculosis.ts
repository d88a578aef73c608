import {
  type TbDosing,
  type TbRegimen,
  daysFrom,
  tbDosesDue,
  tbSequenceFault,
} from '@libs/records';
import type { Period } from './period';
import type { LiveRecord, ResidentView } from './resident-view';

/** One treatment of a tuberculosis patient, with only the records in sequence (tbSequenceFault). */
export interface TbCourse {
  registration: LiveRecord;
  notifiedOn: string;
  /** The end, if the treatment has ended by the view's day (an end before the notification is none). */
  end: LiveRecord | undefined;
  endedOn: string | null;
  /** The first home visit: the earliest in sequence. */
  firstVisit: LiveRecord | undefined;
  /** The months of the medication card in sequence. */
  medication: LiveRecord[];
}

const byDay = (a: LiveRecord, b: LiveRecord) =>
  a.day === b.day ? a.refs[0].position - b.refs[0].position : a.day < b.day ? -1 : 1;

function coursesOf(v: ResidentView): TbCourse[] {
  const regs = v.records.filter((r) => r.kind === 'tb_registration');
  if (regs.length === 0) return NONE;
  const ofTreatment = (kind: string, id: string) =>
    v.records.filter((r) => r.kind === kind && r.fields.treatmentId === id).sort(byDay);
  return regs
    .map((registration) => {
      const notifiedOn = registration.day;
      const end = ofTreatment('tb_treatment_end', registration.recordId).find(
        (e) => tbSequenceFault('end', e.day, { notifiedOn, endedOn: null }) === null,
      );
      const days = { notifiedOn, endedOn: end?.day ?? null };
      const inOrder = (r: LiveRecord) => tbSequenceFault('record', r.day, days) === null;
      return {
        registration,
        notifiedOn,
        end,
        endedOn: days.endedOn,
        firstVisit: ofTreatment('tb_first_visit', registration.recordId).find(inOrder),
        medication: ofTreatment('tb_medication', registration.recordId).filter(inOrder),
      };
    })
    .sort((a, b) => byDay(a.registration, b.registration));
}

const NONE: TbCourse[] = [];
const cache = new WeakMap<ResidentView, TbCourse[]>();

/**
 * The resident's treatments as known in the view, in notification order. Asked by two cohorts
 * and three rules for every resident of an evaluation: worked out once per view, and at once
 * for the nearly everyone who never had tuberculosis.
 */
export function tbCourses(v: ResidentView): TbCourse[] {
  let courses = cache.get(v);
  if (!courses) cache.set(v, (courses = coursesOf(v)));
  return courses;
}

const within = (day: string | null, p: Period) => day !== null && day >= p.start && day <= p.day;

/** The latest treatment notified in the period (the management rate's patient), if any. */
export const tbNotifiedIn = (v: ResidentView, p: Period): TbCourse | undefined =>
  tbCourses(v)
    .filter((c) => within(c.notifiedOn, p))
    .at(-1);

/** The latest treatment ended cured or completed in the period (regular medication's), if any. */
export const tbCompletedIn = (v: ResidentView, p: Period): TbCourse | undefined =>
  tbCourses(v)
    .filter(
      (c) =>
        within(c.endedOn, p) &&
        (c.end!.fields.outcome === 'cured' || c.end!.fields.outcome === 'completed'),
    )
    .at(-1);

/**
 * Under tuberculosis treatment on a day (on or before the view's day): notified by then and not
 * ended before it. Tuberculosis patients are a key population of family-doctor signing.
 */
export const underTbTreatmentOn = (v: ResidentView, day: string): boolean =>
  tbCourses(v).some((c) => c.notifiedOn <= day && (c.endedOn === null || c.endedOn >= day));

/**
 * The doses of a treatment: those taken, summed over its months of the medication card, against
 * those due — what the regimen owes, or what the cards say was due where that is more (a
 * prolonged course). A month with no card counts as due and not taken.
 */
export function tbDoses(c: TbCourse): { taken: number; due: number } {
  let taken = 0;
  let carded = 0;
  for (const m of c.medication) {
    taken += Number(m.fields.dosesTaken) || 0;
    carded += Number(m.fields.dosesDue) || 0;
  }
  const f = c.registration.fields;
  const owed = tbDosesDue(f.regimen as TbRegimen, f.dosing as TbDosing);
  return { taken, due: Math.max(owed, carded) };
}

/** Whole days from the notification to the first home visit. */
export const tbDaysToFirstVisit = (c: TbCourse, visit: LiveRecord): number =>
  daysFrom(c.notifiedOn, visit.day);
