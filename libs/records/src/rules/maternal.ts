import { daysFrom } from './dates';

/**
 * The maternal care timeline (孕产妇健康管理, national specification, 3rd edition) in days and
 * weeks: what a decider refuses and what the read side counts are both told from here.
 */
export const MATERNAL = {
  /** Registered (建册) and first antenatal check before 13 weeks: in week 12 at the latest. */
  earlyBeforeWeek: 13,
  /** The antenatal checks a system-managed pregnancy has (孕早期 1, 孕中期 2, 孕晚期 2). */
  antenatalChecks: 5,
  /** A postpartum home visit counts up to 28 days after discharge (Huancui 2024). */
  visitWithinDays: 28,
  /**
   * The 42-day check: from 42 days after the delivery; counted up to day 56, the two weeks the
   * ledger allows after the due day (the specification names the day, not a window).
   */
  checkFromDay: 42,
  checkToDay: 56,
  /**
   * A pregnancy with no delivery recorded by 44 weeks is no longer open: it ended another way (a
   * loss, a termination, a delivery outside the district) and a new one may be registered.
   */
  lapseWeek: 44,
  /** Weeks of a term pregnancy, for the expected delivery day when none is given. */
  termWeek: 40,
  /** Two deliveries of one woman are at least 28 weeks apart (分娩: from 28 weeks). */
  minDaysBetweenDeliveries: 196,
} as const;

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The expected delivery day of a pregnancy registered on `day` in week `week` (40 weeks). */
export const expectedDeliveryDay = (day: string, week: number): string =>
  addDays(day, (MATERNAL.termWeek - week) * 7);

/** The day a pregnancy without a delivery stops being open (44 weeks). */
export const pregnancyLapseDay = (day: string, week: number): string =>
  addDays(day, (MATERNAL.lapseWeek - week) * 7);

export type PostpartumKind = 'visit' | 'check_42';

/**
 * What is wrong with the day of a postpartum service, or null when it counts:
 * - `before_delivery`: dated before the delivery (an impossible sequence);
 * - `before_discharge`: a home visit while the mother was still in hospital (impossible too);
 * - `too_early`: a 42-day check before day 42;
 * - `late`: a visit after 28 days from discharge, a 42-day check after day 56.
 * Deciders refuse the first three (a migrated record is kept); the read side counts none of them.
 */
export function postpartumFault(
  deliveryDay: string,
  serviceDay: string,
  kind: PostpartumKind,
  dischargeDay: string = deliveryDay,
): 'before_delivery' | 'before_discharge' | 'too_early' | 'late' | null {
  const sinceDelivery = daysFrom(deliveryDay, serviceDay);
  if (sinceDelivery < 0) return 'before_delivery';
  if (kind === 'visit') {
    const sinceDischarge = daysFrom(dischargeDay, serviceDay);
    if (sinceDischarge < 0) return 'before_discharge';
    return sinceDischarge > MATERNAL.visitWithinDays ? 'late' : null;
  }
  if (sinceDelivery < MATERNAL.checkFromDay) return 'too_early';
  return sinceDelivery > MATERNAL.checkToDay ? 'late' : null;
}

/** A fault the door refuses (a migrated record is kept and not counted): all but lateness. */
export const refusedAtTheDoor = (fault: ReturnType<typeof postpartumFault>): boolean =>
  fault !== null && fault !== 'late';
