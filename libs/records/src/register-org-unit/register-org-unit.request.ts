import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CommandRequest, ID_MESSAGE, ID_PATTERN } from '../commands/command-request';
import { UNIT_KINDS, type UnitKind } from '../streams/vocabulary';

export class RegisterOrgUnitRequest extends CommandRequest {
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unitId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  /** Absent only for the top of the tree. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  parentId?: string;
}
