import { ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, healthRecordOpenedOn } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import {
  HEALTH_RECORD_FORMS,
  HEALTH_RECORD_ITEMS,
  type HealthRecordForm,
  type HealthRecordItem,
} from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class ReviewHealthRecordRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who reviewed it (复核). */
  @IsId() doctorId!: string;
  /**
   * The parts found missing; none (or left out, as an empty CSV cell leaves it): the record is
   * standardised (规范化).
   */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(HEALTH_RECORD_ITEMS, { each: true })
  missing?: HealthRecordItem[];
  /** The form after the review: a paper record digitised at review is electronic from then on. */
  @IsOptional() @IsIn(HEALTH_RECORD_FORMS) form?: HealthRecordForm;
}

/** A review of the resident's health record: what is missing, and so whether it is standardised. */
export function decideReviewHealthRecord(
  c: Decision<ReviewHealthRecordRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const openedOn = healthRecordOpenedOn(state);
  if (openedOn === null)
    refuse(
      'NO_HEALTH_RECORD',
      'unprocessable',
      `居民 ${c.residentId} 尚未建立健康档案，无法复核`,
      `resident ${c.residentId} has no health record to review`,
      { residentId: c.residentId },
    );
  const day = chinaDay(c.occurredAt);
  if (day < openedOn!)
    refuse(
      'REVIEW_BEFORE_OPENING',
      'unprocessable',
      `复核日期 ${day} 早于建档日期 ${openedOn}`,
      `review dated ${day} is before the record was opened on ${openedOn}`,
      { occurredAt: c.occurredAt, openedOn },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId,
    form: c.form ?? 'electronic',
    complete: (c.missing ?? []).length === 0,
    missing: c.missing ?? [],
    occurredAt: c.occurredAt,
  };
  return [{ type: 'HealthRecordReviewed', data }];
}

export const reviewHealthRecord = action({
  type: 'ReviewHealthRecord',
  summary: {
    zh: '复核居民健康档案（规范化）',
    en: "Review a resident's health record for completeness (standardisation)",
  },
  request: ReviewHealthRecordRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideReviewHealthRecord },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
