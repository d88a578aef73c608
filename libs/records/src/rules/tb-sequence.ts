import type { TbDosing, TbRegimen } from '../streams/vocabulary';

/** Months of treatment of a regimen: a new patient's six, a retreated patient's eight. */
export const TB_REGIMEN_MONTHS: Record<TbRegimen, number> = { initial: 6, retreatment: 8 };

/**
 * The doses a whole treatment owes, as the medication card counts them: 30 a month taken daily,
 * 15 every other day (a six-month daily course: 180).
 */
export const tbDosesDue = (regimen: TbRegimen, dosing: TbDosing): number =>
  TB_REGIMEN_MONTHS[regimen] * (dosing === 'daily' ? 30 : 15);

/**
 * Taken regularly (规则服药): at least 90% of the doses due. Compared in whole numbers, so 162 of
 * 180 (exactly 90%) counts and 161 does not.
 */
export const tbTakenRegularly = (taken: number, due: number): boolean => taken * 10 >= due * 9;

/**
 * The first home visit is due within 72 hours of the notification; counted in days, a visit up to
 * three days after the notification's day is timely, on the fourth it is late.
 */
export const TB_FIRST_VISIT_DAYS = 3;

/** The days a treatment's records are judged against (China days, YYYY-MM-DD). */
export interface TbTreatmentDays {
  /** The day the centre was notified. */
  notifiedOn: string;
  /** The day the treatment ended, if it has (an end dated before the notification is no end). */
  endedOn: string | null;
}

export type TbSequenceFault = 'before_notification' | 'after_end';

/**
 * Whether a record of a treatment is an impossible sequence: anything dated before the centre
 * was notified, or a visit, follow-up or medication record dated after the treatment ended (the
 * end itself may fall on any day from the notification on). Null when in order. Deciders refuse
 * such a record; a migrated one is kept, and the indicators do not count it.
 */
export function tbSequenceFault(
  kind: 'record' | 'end',
  day: string,
  t: TbTreatmentDays,
): TbSequenceFault | null {
  if (day < t.notifiedOn) return 'before_notification';
  if (kind === 'record' && t.endedOn !== null && day > t.endedOn) return 'after_end';
  return null;
}

/** The yes/no form of tbSequenceFault, for a detector of impossible sequences. */
export const isTbImpossibleSequence = (
  kind: 'record' | 'end',
  day: string,
  t: TbTreatmentDays,
): boolean => tbSequenceFault(kind, day, t) !== null;
