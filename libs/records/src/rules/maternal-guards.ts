import { deliveriesOf } from '../streams/maternal-state';
import type { ResidentState, ServiceRecord } from '../streams/resident-state';
import { chinaDay } from './dates';
import { type PostpartumKind, postpartumFault, refusedAtTheDoor } from './maternal';
import { refuse } from './rule-error';

/** Maternal care is for women: a pregnancy or delivery of a male resident is a wrong resident id. */
export function assertWoman(state: ResidentState, residentId: string): void {
  if (state.sex === 'male')
    refuse(
      'MATERNAL_CARE_OF_MALE',
      'unprocessable',
      `居民 ${residentId} 登记为男性，不能记录孕产妇健康管理`,
      `resident ${residentId} is registered as male: no maternal care can be recorded`,
      { residentId },
    );
}

const NAMES: Record<PostpartumKind, { zh: string; en: string }> = {
  visit: { zh: '产后访视', en: 'postpartum visit' },
  check_42: { zh: '产后42天健康检查', en: '42-day postpartum check' },
};

/**
 * The delivery a postpartum service belongs to: the latest on or before its day. One dated before
 * every delivery, or a visit before the discharge, or a 42-day check before day 42, is refused;
 * a migrated one is kept (it happened in the old system) against the nearest delivery, and the
 * read side does not count it. A late one is kept and not counted either.
 */
export function postpartumDelivery(
  state: ResidentState,
  c: { residentId: string; occurredAt: string; migrated?: true },
  kind: PostpartumKind,
): ServiceRecord {
  const deliveries = deliveriesOf(state);
  const name = NAMES[kind];
  if (deliveries.length === 0)
    refuse(
      'NO_DELIVERY_RECORDED',
      'unprocessable',
      `居民 ${c.residentId} 没有分娩记录，不能记录${name.zh}`,
      `resident ${c.residentId} has no delivery recorded: no ${name.en} can be recorded`,
      { residentId: c.residentId },
    );
  const day = chinaDay(c.occurredAt);
  const target = deliveries.filter((d) => d.day <= day).at(-1) ?? deliveries[0];
  const discharge = String(target.record.fields.dischargeDate ?? target.day);
  const fault = postpartumFault(target.day, day, kind, discharge);
  if (!refusedAtTheDoor(fault) || c.migrated) return target.record;
  const details = {
    occurredAt: c.occurredAt,
    deliveryRecordId: target.record.recordId,
    deliveredOn: target.day,
    dischargeDate: discharge,
  };
  if (fault === 'before_delivery')
    refuse(
      'POSTPARTUM_BEFORE_DELIVERY',
      'unprocessable',
      `${name.zh}日期 ${day} 早于分娩日期 ${target.day}`,
      `${name.en} dated ${day} is before the delivery on ${target.day}`,
      details,
    );
  if (fault === 'before_discharge')
    refuse(
      'POSTPARTUM_VISIT_BEFORE_DISCHARGE',
      'unprocessable',
      `产后访视日期 ${day} 早于产妇出院日期 ${discharge}：住院期间不能入户访视`,
      `postpartum visit dated ${day} is before the mother left hospital on ${discharge}`,
      details,
    );
  return refuse(
    'POSTPARTUM_CHECK_TOO_EARLY',
    'unprocessable',
    `产后42天健康检查日期 ${day} 早于分娩（${target.day}）后第 42 天`,
    `the 42-day postpartum check dated ${day} is before day 42 after the delivery on ${target.day}`,
    details,
  );
}
