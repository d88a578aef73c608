import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { assertWoman } from '../rules/maternal-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { type PregnancySpan, pregnanciesOf, pregnancyOn } from '../streams/maternal-state';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class RecordAntenatalCheckRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  /** Completed weeks of gestation on the day of the check (产前检查孕周). */
  @IsInt() @Min(4) @Max(44) gestationalWeek!: number;
}

/**
 * The pregnancy a check belongs to: the one its day falls in (from the registration to the
 * delivery). A check before the registration or after the delivery is refused; a migrated one is
 * kept against the nearest pregnancy, and the read side does not count it.
 */
function pregnancyOfCheck(
  c: Decision<RecordAntenatalCheckRequest>,
  state: ResidentState,
  day: string,
): PregnancySpan {
  const within = pregnancyOn(state, day);
  if (within) return within;
  const all = pregnanciesOf(state);
  const next = all.find((p) => p.day > day);
  const previous = all.filter((p) => p.day <= day && p.delivery).at(-1);
  if (next) {
    if (c.migrated) return next;
    refuse(
      'CHECK_BEFORE_REGISTRATION',
      'unprocessable',
      `产前检查日期 ${day} 早于妊娠登记日期 ${next.day}`,
      `antenatal check dated ${day} is before the pregnancy was registered on ${next.day}`,
      { occurredAt: c.occurredAt, pregnancyRecordId: next.recordId, registeredOn: next.day },
    );
  }
  if (previous) {
    if (c.migrated) return previous;
    refuse(
      'CHECK_AFTER_DELIVERY',
      'unprocessable',
      `产前检查日期 ${day} 晚于分娩日期 ${previous.endDay}`,
      `antenatal check dated ${day} is after the delivery on ${previous.endDay}`,
      {
        occurredAt: c.occurredAt,
        pregnancyRecordId: previous.recordId,
        deliveredOn: previous.endDay,
      },
    );
  }
  return refuse(
    'NO_PREGNANCY_REGISTERED',
    'unprocessable',
    `居民 ${c.residentId} 在 ${day} 没有已登记的妊娠，不能记录产前检查`,
    `resident ${c.residentId} has no registered pregnancy on ${day}: no antenatal check can be recorded`,
    { residentId: c.residentId, occurredAt: c.occurredAt },
  );
}

/** An antenatal check of a registered pregnancy, on or after its registration, before the delivery. */
export function decideRecordAntenatalCheck(
  c: Decision<RecordAntenatalCheckRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertWoman(state, c.residentId);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const pregnancy = pregnancyOfCheck(c, state, chinaDay(c.occurredAt));
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    gestationalWeek: c.gestationalWeek,
    pregnancyRecordId: pregnancy.recordId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'AntenatalCheckRecorded', data }];
}

export const recordAntenatalCheck = action({
  type: 'RecordAntenatalCheck',
  summary: {
    zh: '孕产妇健康管理：产前检查（随访）',
    en: 'Record an antenatal check of a registered pregnancy',
  },
  request: RecordAntenatalCheckRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordAntenatalCheck },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
