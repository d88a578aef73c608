import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { assertDoctorServes } from '../rules/doctor-guards';
import { refuse } from '../rules/rule-error';
import { activityFacts, assertServiceUnitOpen, newActivityId } from '../rules/unit-activity-guards';
import { activityStreamOf, unitActivityStream } from '../rules/unit-activity-stream';
import type { UnitActivityEvent, UnitActivityState } from '../streams/unit-activity-events';
import { DISEASE_CLASSES, type DiseaseClass } from '../streams/vocabulary';

/** A date-time to the minute: the reporting time is counted in hours, a bare date cannot say. */
const WITH_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;
const TIME_MESSAGE =
  '$property must be a date-time such as 2024-03-05T10:00:00+08:00: the reporting time is counted in hours / $property 须为含时刻的时间，如 2024-03-05T10:00:00+08:00（报告时限以小时计）';

export class RecordInfectiousDiseaseCaseRequest extends CommandRequest {
  @IsId() unitId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who found and reported it. */
  @IsId() doctorId!: string;
  /** The disease as the notifiable list names it (e.g. 乙肝, 手足口病). */
  @IsString() @Length(1, 60) disease!: string;
  @IsIn(DISEASE_CLASSES) diseaseClass!: DiseaseClass;
  /** 乙类甲管 (e.g. pulmonary anthrax): reported within 2 hours like class A. */
  @IsOptional() @IsBoolean() managedAsClassA?: boolean;
  /** When the case card was reported online; absent: found and not (yet) reported. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_TIME, { message: TIME_MESSAGE })
  reportedAt?: string;
}
// occurredAt is when the case was found (diagnosed), and must name the minute too. Declared on
// the base class; the rule is added to this class's field alone, without redeclaring it.
Matches(WITH_TIME, { message: TIME_MESSAGE })(
  RecordInfectiousDiseaseCaseRequest.prototype,
  'occurredAt',
);

/**
 * A notifiable case found at a unit, with its report if made. A report cannot come before the
 * case was found, except in a migrated record, which is kept and not counted as reported
 * (rules/infectious-disease.ts, reportCounts).
 */
export function decideRecordInfectiousDiseaseCase(
  c: Decision<RecordInfectiousDiseaseCaseRequest>,
  state: UnitActivityState,
): UnitActivityEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  assertServiceUnitOpen(c.facts.unit, c.unitId, c.occurredAt);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const reportedAt = c.reportedAt ?? null;
  if (reportedAt !== null && chinaDay(reportedAt) > chinaDay(c.now))
    refuse(
      'IDR_REPORTED_IN_FUTURE',
      'unprocessable',
      `报告时间 ${reportedAt} 晚于今天`,
      `reportedAt ${reportedAt} is in the future`,
      { reportedAt, now: c.now },
    );
  if (reportedAt !== null && Date.parse(reportedAt) < Date.parse(c.occurredAt) && !c.migrated)
    refuse(
      'IDR_REPORTED_BEFORE_FOUND',
      'unprocessable',
      `报告时间 ${reportedAt} 早于发现时间 ${c.occurredAt}`,
      `the case is reported at ${reportedAt}, before it was found at ${c.occurredAt}`,
      { reportedAt, occurredAt: c.occurredAt },
    );
  const data = {
    unitId: c.unitId,
    recordId: newActivityId(state, c),
    disease: c.disease,
    diseaseClass: c.diseaseClass,
    managedAsClassA: c.managedAsClassA ?? false,
    reportedAt,
    doctorId: c.doctorId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'InfectiousDiseaseCaseRecorded', data }];
}

export const recordInfectiousDiseaseCase = action({
  type: 'RecordInfectiousDiseaseCase',
  summary: {
    zh: '传染病病例发现与报告（发现时间、网络直报时间）',
    en: 'Record an infectious disease case found at a unit, and when it was reported',
  },
  request: RecordInfectiousDiseaseCaseRequest,
  stream: (r) => activityStreamOf(r),
  decider: { ...unitActivityStream, decide: decideRecordInfectiousDiseaseCase },
  unitsTouched: (r) => [r.unitId],
  facts: (r, lookup) => activityFacts(lookup, r),
});
