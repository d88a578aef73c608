import { chinaDay } from '../rules/dates';
import { pregnancyLapseDay } from '../rules/maternal';
import type { ResidentState, ServiceRecord } from './resident-state';

/** A registered pregnancy as the deciders see it: its day, week, and how it ended (if it did). */
export interface PregnancySpan {
  recordId: string;
  /** Registration day. */
  day: string;
  week: number;
  /** The delivery that ended it, if recorded. */
  delivery: ServiceRecord | null;
  /** Delivery day, or the day it lapses without one (44 weeks). */
  endDay: string;
}

const byDay = (a: { day: string }, b: { day: string }) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : 0;

const live = (state: ResidentState, type: ServiceRecord['recordType']) =>
  Object.values(state.records).filter((r) => r.recordType === type && !r.voided);

const numberField = (r: ServiceRecord, key: string): number => {
  const v = r.fields[key];
  return typeof v === 'number' ? v : 0;
};

/** The resident's live deliveries, oldest first, with their China day. */
export function deliveriesOf(state: ResidentState): { record: ServiceRecord; day: string }[] {
  return live(state, 'delivery')
    .map((record) => ({ record, day: chinaDay(record.occurredAt) }))
    .sort(byDay);
}

/** The resident's live pregnancy registrations, oldest first, each with how it ended. */
export function pregnanciesOf(state: ResidentState): PregnancySpan[] {
  const deliveries = deliveriesOf(state);
  return live(state, 'pregnancy_registration')
    .map((r) => {
      const day = chinaDay(r.occurredAt);
      const week = numberField(r, 'gestationalWeek');
      const delivery =
        deliveries.find((d) => d.record.fields.pregnancyRecordId === r.recordId) ?? null;
      return {
        recordId: r.recordId,
        day,
        week,
        delivery: delivery?.record ?? null,
        endDay: delivery ? delivery.day : pregnancyLapseDay(day, week),
      };
    })
    .sort(byDay);
}

/**
 * The pregnancy a day falls in: registered on or before it and not yet ended (a delivery day
 * still belongs to it). Registrations never overlap, so there is at most one.
 */
export const pregnancyOn = (state: ResidentState, day: string): PregnancySpan | undefined =>
  pregnanciesOf(state).find((p) => p.day <= day && day <= p.endDay);

/**
 * An open pregnancy on a day: registered by then, neither delivered nor lapsed (44 weeks). For
 * the key-population cohort (pregnant women are signed first) as much as for the deciders.
 */
export const openPregnancyOn = (state: ResidentState, day: string): PregnancySpan | undefined =>
  pregnanciesOf(state).find((p) => p.day <= day && (p.delivery ? day < p.endDay : day <= p.endDay));
