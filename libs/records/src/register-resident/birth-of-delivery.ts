import type { BirthOfResident } from '../streams/resident-events';
import { type ResidentState, liveRecord } from '../streams/resident-state';
import { chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';

export interface BirthClaim {
  residentId: string;
  birthDate: string;
  sex: string;
  motherId?: string;
  deliveryRecordId?: string;
}

/**
 * A child registered at birth names the mother and her delivery; the delivery must name this
 * child (resident id, sex) and have happened on the birth date. Read from the mother's stream
 * through the facts, so a child of no recorded delivery is not passed off as one.
 */
export function birthOfDelivery(
  c: BirthClaim,
  mother: ResidentState | undefined,
): BirthOfResident | undefined {
  if (c.motherId === undefined && c.deliveryRecordId === undefined) return undefined;
  if (c.motherId === undefined || c.deliveryRecordId === undefined)
    refuse(
      'BIRTH_NEEDS_MOTHER_AND_DELIVERY',
      'unprocessable',
      '登记新生儿须同时填写母亲居民编号（motherId）和分娩记录编号（deliveryRecordId）',
      'a child registered at birth names both the mother (motherId) and her delivery (deliveryRecordId)',
      { motherId: c.motherId, deliveryRecordId: c.deliveryRecordId },
    );
  const motherId = c.motherId!;
  const deliveryRecordId = c.deliveryRecordId!;
  if (!mother?.registered)
    refuse(
      'MOTHER_NOT_FOUND',
      'not_found',
      `母亲 ${motherId} 未登记`,
      `mother ${motherId} is not a registered resident`,
      { motherId },
    );
  const delivery = liveRecord(mother!, deliveryRecordId);
  if (!delivery || delivery.recordType !== 'delivery')
    refuse(
      'DELIVERY_NOT_FOUND',
      'not_found',
      `母亲 ${motherId} 没有编号为 ${deliveryRecordId} 的分娩记录`,
      `mother ${motherId} has no delivery recorded as ${deliveryRecordId}`,
      { motherId, deliveryRecordId },
    );
  const births = Array.isArray(delivery!.fields.liveBirths) ? delivery!.fields.liveBirths : [];
  const named = births.find((b: { childId?: unknown }) => b.childId === c.residentId) as
    { childId: string; sex: string } | undefined;
  const deliveredOn = chinaDay(delivery!.occurredAt);
  if (!named || named.sex !== c.sex || deliveredOn !== c.birthDate)
    refuse(
      'CHILD_NOT_OF_DELIVERY',
      'unprocessable',
      `分娩记录 ${deliveryRecordId}（${deliveredOn}）的活产中没有该新生儿（${c.residentId}，${c.sex}，出生日期 ${c.birthDate}）`,
      `delivery ${deliveryRecordId} (${deliveredOn}) names no live-born child ${c.residentId} (${c.sex}, born ${c.birthDate})`,
      { motherId, deliveryRecordId, deliveredOn, childNamed: !!named },
    );
  return { motherId, deliveryRecordId };
}
