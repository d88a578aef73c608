import { IsBoolean, IsIn, IsNumber, IsOptional, ValidateIf } from 'class-validator';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  CONDITIONS,
  FOLLOW_UP_MODES,
  type Condition,
  type FollowUpMode,
} from '../streams/vocabulary';

/**
 * A follow-up in person must record the reading its condition is judged on. One by phone need
 * not: a reading reported over the phone is self-measured and unverified, so it is kept if given
 * but is never a control reading (docs/decisions/0005-indicator-definitions.md).
 */
const needsReading = (o: RecordFollowUpRequest, condition: Condition): boolean =>
  o.condition === condition && o.mode !== 'phone';

export class RecordFollowUpRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  @IsId() doctorId!: string;
  @IsIn(CONDITIONS) condition!: Condition;
  @IsIn(FOLLOW_UP_MODES) mode!: FollowUpMode;

  /**
   * mmHg; required for a hypertension follow-up in person (clinic or home), since control is
   * judged on it. By phone the doctor measures nothing, so it may be left out.
   */
  @ValidateIf(
    (o: RecordFollowUpRequest) => needsReading(o, 'hypertension') || o.systolic !== undefined,
  )
  @IsNumber()
  systolic?: number;

  @ValidateIf(
    (o: RecordFollowUpRequest) => needsReading(o, 'hypertension') || o.diastolic !== undefined,
  )
  @IsNumber()
  diastolic?: number;

  /** mmol/L; required for a diabetes follow-up in person, optional by phone. */
  @ValidateIf(
    (o: RecordFollowUpRequest) => needsReading(o, 'diabetes') || o.fastingGlucose !== undefined,
  )
  @IsNumber()
  fastingGlucose?: number;

  @IsOptional() @IsNumber() weightKg?: number;

  /** Referred upward (e.g. after two consecutive uncontrolled follow-ups). */
  @IsOptional() @IsBoolean() referral?: boolean;
}
