import { IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { assertNotInFuture } from '../rules/dates';
import { assertDoctorServes } from '../rules/doctor-guards';
import { activityFacts, assertServiceUnitOpen, newActivityId } from '../rules/unit-activity-guards';
import { activityStreamOf, unitActivityStream } from '../rules/unit-activity-stream';
import type { UnitActivityEvent, UnitActivityState } from '../streams/unit-activity-events';
import { SUPERVISION_REPORT_KINDS, type SupervisionReportKind } from '../streams/vocabulary';

export class RecordHealthSupervisionReportRequest extends CommandRequest {
  @IsId() unitId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The supervision assistant (协管员) who reported it. */
  @IsId() doctorId!: string;
  @IsIn(SUPERVISION_REPORT_KINDS) kind!: SupervisionReportKind;
}

/** A report to the health supervision agency, dated the day it was made. */
export function decideRecordHealthSupervisionReport(
  c: Decision<RecordHealthSupervisionReportRequest>,
  state: UnitActivityState,
): UnitActivityEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  assertServiceUnitOpen(c.facts.unit, c.unitId, c.occurredAt);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const data = {
    unitId: c.unitId,
    recordId: newActivityId(state, c),
    kind: c.kind,
    doctorId: c.doctorId,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'HealthSupervisionReportRecorded', data }];
}

export const recordHealthSupervisionReport = action({
  type: 'RecordHealthSupervisionReport',
  summary: {
    zh: '卫生监督协管信息报告（非法行医、饮用水、学校卫生、食品安全）',
    en: 'Record a health supervision assistance report (illegal practice, water, school, food)',
  },
  request: RecordHealthSupervisionReportRequest,
  stream: (r) => activityStreamOf(r),
  decider: { ...unitActivityStream, decide: decideRecordHealthSupervisionReport },
  unitsTouched: (r) => [r.unitId],
  facts: (r, lookup) => activityFacts(lookup, r),
});
