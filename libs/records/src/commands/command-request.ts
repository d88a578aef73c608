// class-transformer's @Type() on nested fields reads design-time type metadata.
import 'reflect-metadata';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const ID_MESSAGE =
  '$property must be 1–100 letters, digits, ".", "_", ":" or "-" / $property 须为1–100位字母、数字或 . _ : -';

/** Fields every command carries, over HTTP and on every import line alike. */
export abstract class CommandRequest {
  /** The command's name, e.g. RecordFollowUp; checked against the catalog before this class. */
  @IsString()
  type!: string;

  /** Chosen by the sender; names one command forever: a repeat returns the first result. */
  @IsString()
  @MaxLength(100)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  commandId!: string;

  /** When it happened in the world: a date (YYYY-MM-DD) or an ISO date-time. */
  @IsISO8601(
    { strict: true },
    { message: '$property must be an ISO 8601 date / $property 须为 ISO 8601 日期' },
  )
  occurredAt!: string;

  /** Optional optimistic concurrency: the stream revision the sender last saw (-1: none). */
  @IsOptional()
  @IsInt()
  @Min(-1)
  expectedRevision?: number;
}
