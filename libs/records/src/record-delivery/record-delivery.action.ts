import { createHash } from 'node:crypto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { assertNotInFuture, chinaDay, daysFrom } from '../rules/dates';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { MATERNAL } from '../rules/maternal';
import { assertWoman } from '../rules/maternal-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { deliveriesOf, pregnancyOn } from '../streams/maternal-state';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { DELIVERY_PLACES, SEXES, type DeliveryPlace, type Sex } from '../streams/vocabulary';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class LiveBirthInput {
  /** The resident id the child is (or will be) registered under (RegisterResident with motherId). */
  @IsId() childId!: string;
  @IsIn(SEXES) sex!: Sex;
  @IsInt() @Min(300) @Max(7000) birthWeightGrams!: number;
}

export class RecordDeliveryRequest extends CommandRequest {
  /** The mother. */
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor of the centre who records the delivery the hospital reported. */
  @IsId() doctorId!: string;
  @IsIn(DELIVERY_PLACES) place!: DeliveryPlace;
  /** Each child born alive (活产): twins are two. */
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => LiveBirthInput)
  liveBirths!: LiveBirthInput[];
  @IsOptional() @IsInt() @Min(0) @Max(6) stillbirths?: number;
  /** The day the mother left hospital; default the delivery day (a home delivery). */
  @IsOptional() @IsISO8601({ strict: true }) dischargeDate?: string;
  /**
   * Register each live-born child as a resident of the mother's unit and household, born on the
   * delivery day (the default: a live birth creates the child's record). False when the clinic
   * registers the children itself, each with a RegisterResident naming this delivery (a record
   * with more to state, such as a migrated child's health record).
   */
  @IsOptional() @IsBoolean() registerChildren?: boolean;
}

function assertChildren(c: Decision<RecordDeliveryRequest>, state: ResidentState): void {
  if (c.liveBirths.length + (c.stillbirths ?? 0) === 0)
    refuse(
      'DELIVERY_WITHOUT_BIRTH',
      'unprocessable',
      '分娩记录既无活产也无死胎死产',
      'a delivery names neither a live birth nor a stillbirth',
      {},
    );
  const named = deliveriesOf(state).flatMap((d) =>
    Array.isArray(d.record.fields.liveBirths)
      ? d.record.fields.liveBirths.map((b: { childId?: unknown }) => String(b.childId))
      : [],
  );
  const ids = c.liveBirths.map((b) => b.childId);
  const repeated = ids.filter(
    (id, i) => ids.indexOf(id) !== i || named.includes(id) || id === c.residentId,
  );
  if (repeated.length > 0)
    refuse(
      'CHILD_ID_REPEATED',
      'conflict',
      `新生儿居民编号 ${repeated.join('、')} 重复、已在其他分娩记录中或为母亲本人`,
      `child resident id ${repeated.join(', ')} is repeated, named by another delivery or the mother's own`,
      { childIds: repeated },
    );
}

/**
 * A delivery on the mother's stream: where, each child born alive with the resident id the
 * child is registered under, stillbirths, and the discharge day. It ends the pregnancy its day
 * falls in; a woman who registered none delivers all the same (her births still count).
 */
export function decideRecordDelivery(
  c: Decision<RecordDeliveryRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertWoman(state, c.residentId);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const day = chinaDay(c.occurredAt);
  const discharge = chinaDay(c.dischargeDate ?? c.occurredAt);
  if (discharge < day)
    refuse(
      'DISCHARGE_BEFORE_DELIVERY',
      'unprocessable',
      `出院日期 ${discharge} 早于分娩日期 ${day}`,
      `discharge on ${discharge} is before the delivery on ${day}`,
      { dischargeDate: discharge, occurredAt: c.occurredAt },
    );
  assertNotInFuture(discharge, c.now);
  // Refused even for a migrated line: a second record of one delivery would count its births twice.
  const near = deliveriesOf(state).find(
    (d) => Math.abs(daysFrom(d.day, day)) < MATERNAL.minDaysBetweenDeliveries,
  );
  if (near)
    refuse(
      'DELIVERY_ALREADY_RECORDED',
      'conflict',
      `居民 ${c.residentId} 已有 ${near.day} 的分娩记录，两次分娩相隔不足 28 周`,
      `resident ${c.residentId} has a delivery recorded on ${near.day}, less than 28 weeks from ${day}`,
      { deliveryRecordId: near.record.recordId, deliveredOn: near.day },
    );
  assertChildren(c, state);
  const pregnancy = pregnancyOn(state, day);
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    place: c.place,
    liveBirths: c.liveBirths.map((b) => ({
      childId: b.childId,
      sex: b.sex,
      birthWeightGrams: b.birthWeightGrams,
    })),
    stillbirths: c.stillbirths ?? 0,
    dischargeDate: discharge,
    pregnancyRecordId: pregnancy && !pregnancy.delivery ? pregnancy.recordId : null,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'DeliveryRecorded', data }];
}

export const recordDelivery = action({
  type: 'RecordDelivery',
  summary: {
    zh: '孕产妇健康管理：分娩（活产新生儿居民编号、出院日期）',
    en: "Record a delivery: each live-born child's resident id, the discharge day",
  },
  request: RecordDeliveryRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordDelivery },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
  followUps: childRegistrations,
});

/** The child's registration's commandId: readable when it fits, a digest of both when not. */
function birthCommandId(commandId: string, childId: string): string {
  const id = `${commandId}.birth.${childId}`;
  if (id.length <= 100) return id;
  return `birth.${createHash('sha256').update(`${commandId}\n${childId}`).digest('hex')}`;
}

/**
 * A live birth creates the child's resident record: one RegisterResident per child the delivery
 * names, in the mother's unit and household, born on the delivery day, naming mother and delivery
 * (so its own rules check the link). Its commandId derives from the delivery's, so a repeat finds
 * it done; a child the clinic registered first is left as it is.
 */
function childRegistrations(
  r: RecordDeliveryRequest,
  mother: ResidentState,
  events: readonly { type: string; data: unknown }[],
): unknown[] {
  if (r.registerChildren === false || mother.unitId === null) return [];
  const delivered = events.find((e) => e.type === 'DeliveryRecorded');
  if (!delivered) return [];
  const d = delivered.data as {
    recordId: string;
    occurredAt: string;
    liveBirths: LiveBirthInput[];
  };
  return d.liveBirths.map((b) => ({
    type: 'RegisterResident',
    commandId: birthCommandId(r.commandId, b.childId),
    residentId: b.childId,
    birthDate: chinaDay(d.occurredAt),
    sex: b.sex,
    unitId: mother.unitId,
    ...(mother.householdId ? { householdId: mother.householdId } : {}),
    motherId: r.residentId,
    deliveryRecordId: d.recordId,
    occurredAt: d.occurredAt,
  }));
}
