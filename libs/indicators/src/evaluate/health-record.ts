import type { EventRef } from '../model/event-ref';
import type { Period } from './period';
import type { ResidentView } from './resident-view';

/** A resident's health record as it stood on the period's day. */
export interface HealthRecordOnDay {
  electronic: boolean;
  /** Standardised (规范化): nothing missing, as the latest review (or the opening) found it. */
  complete: boolean;
  /** The opening (or the registration that stated it) and every review since, in order. */
  refs: EventRef[];
}

/**
 * The health record on the period's day: stated at registration or opened since, then each
 * review up to that day, later ones overriding earlier ones (a record standardised once is
 * not standardised for ever: a review that finds a part missing undoes it). Null: no record yet.
 */
export function healthRecordOn(v: ResidentView, p: Period): HealthRecordOnDay | null {
  // Asked by two cohorts and two rules for every resident of an evaluation: worked out once per
  // view (a view is of one period).
  const cached = onDay.get(v);
  if (cached !== undefined) return cached;
  const record = recordOn(v, p);
  onDay.set(v, record);
  return record;
}

const onDay = new WeakMap<ResidentView, HealthRecordOnDay | null>();

function recordOn(v: ResidentView, p: Period): HealthRecordOnDay | null {
  const stated = v.registeredHealthRecord;
  let base: { form: string; complete: boolean; refs: EventRef[] } | null =
    stated && stated.record.openedOn <= p.day
      ? { form: stated.record.form, complete: stated.record.complete, refs: [stated.ref] }
      : null;
  if (!base) {
    const opened = v.records.find((r) => r.kind === 'health_record');
    if (opened)
      base = {
        form: String(opened.fields.form),
        complete: opened.fields.complete === true,
        refs: opened.refs,
      };
  }
  if (!base) return null;
  const reviews = v.records
    .filter((r) => r.kind === 'health_record_review')
    .sort((a, b) =>
      a.day === b.day ? a.refs[0].position - b.refs[0].position : a.day < b.day ? -1 : 1,
    );
  let { form, complete } = base;
  const refs = [...base.refs];
  for (const r of reviews) {
    form = String(r.fields.form ?? form);
    complete = r.fields.complete === true;
    refs.push(...r.refs);
  }
  return { electronic: form === 'electronic', complete, refs };
}

/**
 * Services that use a health record (动态使用): a checkup, a follow-up (of a chronic condition,
 * a severe mental disorder or tuberculosis, the first home visit included), a TCM
 * identification or a child's TCM guidance.
 * Services that use a health record (动态使用): a checkup, a follow-up (of a chronic condition or
 * a severe mental disorder), a TCM identification, a child's TCM guidance, newborn visit or
 * checkup, a vaccine dose (the vaccination card is part of the record, national specification),
 * an antenatal check, a postpartum visit or check.
 * Signing a contract, enrolling and reviewing the record itself are not uses of it.
 */
export const USES_A_RECORD = new Set([
  'checkup',
  'follow_up',
  'tcm_assessment',
  'mental_health_follow_up',
  'child_tcm_guidance',
  'tb_first_visit',
  'tb_follow_up',
  'newborn_visit',
  'child_checkup',
  'vaccine_dose',
  'antenatal_check',
  'postpartum_visit',
  'postpartum_check',
]);
