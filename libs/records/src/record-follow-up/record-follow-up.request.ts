import { IsBoolean, IsIn, IsNumber, IsOptional, ValidateIf } from 'class-validator';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  CONDITIONS,
  FOLLOW_UP_MODES,
  type Condition,
  type FollowUpMode,
} from '../streams/vocabulary';

export class RecordFollowUpRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  @IsIn(CONDITIONS) condition!: Condition;
  @IsIn(FOLLOW_UP_MODES) mode!: FollowUpMode;

  /** mmHg; required for a hypertension follow-up, since control is judged on it. */
  @ValidateIf(
    (o: RecordFollowUpRequest) => o.condition === 'hypertension' || o.systolic !== undefined,
  )
  @IsNumber()
  systolic?: number;

  @ValidateIf(
    (o: RecordFollowUpRequest) => o.condition === 'hypertension' || o.diastolic !== undefined,
  )
  @IsNumber()
  diastolic?: number;

  /** mmol/L; required for a diabetes follow-up. */
  @ValidateIf(
    (o: RecordFollowUpRequest) => o.condition === 'diabetes' || o.fastingGlucose !== undefined,
  )
  @IsNumber()
  fastingGlucose?: number;

  @IsOptional() @IsNumber() weightKg?: number;

  /** Referred upward (e.g. after two consecutive uncontrolled follow-ups). */
  @IsOptional() @IsBoolean() referral?: boolean;
}
