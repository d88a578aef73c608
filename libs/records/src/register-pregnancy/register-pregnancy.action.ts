import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { expectedDeliveryDay, pregnancyLapseDay } from '../rules/maternal';
import { assertWoman } from '../rules/maternal-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { deliveriesOf, openPregnancyOn, pregnanciesOf } from '../streams/maternal-state';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RegisterPregnancyRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who registers the pregnancy (建册, 母子健康手册). */
  @IsId() doctorId!: string;
  /** Completed weeks of gestation on the registration day: week 12 is "before 13 weeks". */
  @IsInt() @Min(4) @Max(42) gestationalWeek!: number;
  /** 预产期; default 40 weeks from the week stated. */
  @IsOptional() @IsISO8601({ strict: true }) expectedDeliveryDate?: string;
}

/**
 * A pregnancy registered with its week of gestation. One is open at a time (until its delivery,
 * or 44 weeks without one); a new one after a delivery is a new pregnancy. Registrations come in
 * the order they happened: one dated before a later pregnancy or delivery is refused.
 */
export function decideRegisterPregnancy(
  c: Decision<RegisterPregnancyRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertWoman(state, c.residentId);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const day = chinaDay(c.occurredAt);
  const open = openPregnancyOn(state, day);
  if (open)
    refuse(
      'PREGNANCY_ALREADY_OPEN',
      'conflict',
      `居民 ${c.residentId} 已于 ${open.day} 登记妊娠（孕 ${open.week} 周），尚未分娩`,
      `resident ${c.residentId} has a pregnancy registered on ${open.day} (week ${open.week}) with no delivery yet`,
      { residentId: c.residentId, pregnancyRecordId: open.recordId, registeredOn: open.day },
    );
  const later = [
    ...pregnanciesOf(state).map((p) => p.day),
    ...deliveriesOf(state).map((d) => d.day),
  ].filter((d) => d >= day);
  if (later.length > 0)
    refuse(
      'PREGNANCY_BEFORE_LATER_RECORD',
      'unprocessable',
      `妊娠登记日期 ${day} 不晚于已记录的妊娠或分娩（${later.sort()[0]}）：孕产妇记录须按发生顺序录入`,
      `pregnancy registered on ${day} is not after a pregnancy or delivery already recorded (${later.sort()[0]}): maternal records come in the order they happened`,
      { occurredAt: c.occurredAt, laterRecordOn: later.sort()[0] },
    );
  const expected = c.expectedDeliveryDate
    ? chinaDay(c.expectedDeliveryDate)
    : expectedDeliveryDay(day, c.gestationalWeek);
  if (expected <= day || expected > pregnancyLapseDay(day, c.gestationalWeek))
    refuse(
      'EXPECTED_DELIVERY_IMPLAUSIBLE',
      'unprocessable',
      `预产期 ${expected} 与登记日期 ${day}、孕 ${c.gestationalWeek} 周不符（须在登记之后、孕 44 周之前）`,
      `expected delivery ${expected} does not fit week ${c.gestationalWeek} on ${day} (after the registration, before 44 weeks)`,
      {
        expectedDeliveryDate: expected,
        occurredAt: c.occurredAt,
        gestationalWeek: c.gestationalWeek,
      },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    gestationalWeek: c.gestationalWeek,
    expectedDeliveryDate: expected,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'PregnancyRegistered', data }];
}

export const registerPregnancy = action({
  type: 'RegisterPregnancy',
  summary: {
    zh: '孕产妇健康管理：妊娠登记建册（孕周）',
    en: 'Register a pregnancy (maternal care) with the week of gestation',
  },
  request: RegisterPregnancyRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRegisterPregnancy },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
