import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { assertNotInFuture } from '../rules/dates';
import { assertDoctorServes } from '../rules/doctor-guards';
import { activityFacts, assertServiceUnitOpen, newActivityId } from '../rules/unit-activity-guards';
import { activityStreamOf, unitActivityStream } from '../rules/unit-activity-stream';
import type { UnitActivityEvent, UnitActivityState } from '../streams/unit-activity-events';
import { EDUCATION_ACTIVITY_KINDS, type EducationActivityKind } from '../streams/vocabulary';

export class RecordHealthEducationActivityRequest extends CommandRequest {
  /** The centre, station or village clinic that held it. */
  @IsId() unitId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** Who gave the lecture, staffed the event, renewed the board or handed out the material. */
  @IsId() doctorId!: string;
  @IsIn(EDUCATION_ACTIVITY_KINDS) kind!: EducationActivityKind;
  /** The topic or title: printed materials and videos count by distinct title (种类). */
  @IsString() @Length(1, 200) title!: string;
  /** People who attended, or copies handed out. */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) audience?: number;
}

/** A health education activity of a unit, on a day it was open, not in the future. */
export function decideRecordHealthEducationActivity(
  c: Decision<RecordHealthEducationActivityRequest>,
  state: UnitActivityState,
): UnitActivityEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  assertServiceUnitOpen(c.facts.unit, c.unitId, c.occurredAt);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const data = {
    unitId: c.unitId,
    recordId: newActivityId(state, c),
    kind: c.kind,
    title: c.title,
    audience: c.audience ?? null,
    doctorId: c.doctorId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'HealthEducationActivityRecorded', data }];
}

export const recordHealthEducationActivity = action({
  type: 'RecordHealthEducationActivity',
  summary: {
    zh: '健康教育活动（讲座、咨询、宣传栏更换、印刷资料、音像资料）',
    en: 'Record a health education activity of a unit (lecture, consultation, board, material, video)',
  },
  request: RecordHealthEducationActivityRequest,
  stream: (r) => activityStreamOf(r),
  decider: { ...unitActivityStream, decide: decideRecordHealthEducationActivity },
  unitsTouched: (r) => [r.unitId],
  facts: (r, lookup) => activityFacts(lookup, r),
});
