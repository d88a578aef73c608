import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, ValidateNested } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { CHECKUP_KINDS, type CheckupKind } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { assertVitalsPlausible, type Vitals } from '../rules/vitals';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class VitalsInput implements Vitals {
  @IsOptional() @IsNumber() systolic?: number;
  @IsOptional() @IsNumber() diastolic?: number;
  /** mmol/L */
  @IsOptional() @IsNumber() fastingGlucose?: number;
  @IsOptional() @IsNumber() weightKg?: number;
  @IsOptional() @IsNumber() heightCm?: number;
}

export class RecordCheckupRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  @IsIn(CHECKUP_KINDS) kind!: CheckupKind;
  /** All five parts done: assessment, physical exam, auxiliary tests, guidance, feedback. */
  @IsBoolean() complete!: boolean;
  @IsOptional() @ValidateNested() @Type(() => VitalsInput) vitals?: VitalsInput;
}

export function decideRecordCheckup(
  c: Decision<RecordCheckupRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const vitals = { ...(c.vitals ?? {}) };
  assertVitalsPlausible(vitals);
  const recordId = newRecordId(state, c);
  return [
    {
      type: 'CheckupRecorded',
      data: {
        residentId: c.residentId,
        recordId,
        doctorId: c.doctorId,
        kind: c.kind,
        complete: c.complete,
        vitals,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const recordCheckup = action({
  type: 'RecordCheckup',
  summary: {
    zh: '健康体检（老年人年度体检、残疾人体检等）',
    en: 'Record a health checkup (elderly annual, disabled annual, other)',
  },
  request: RecordCheckupRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordCheckup },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
