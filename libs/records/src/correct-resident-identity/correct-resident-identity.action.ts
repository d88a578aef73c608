import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { IdentityInput } from '../personal-data/identity';
import { personalDataOf } from '../personal-data/personal-data-rules';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { assertNotInFuture } from '../rules/dates';
import { assertResidentRegistered } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';

export class CorrectResidentIdentityRequest extends CommandRequest {
  @IsId() residentId!: string;
  /**
   * The fields to set (name, idNumber, phone, address); those not given stay as the vault holds
   * them. Kept in the vault only; the event names the fields and a keyed hash of a new ID number.
   */
  @ValidateNested() @Type(() => IdentityInput) identity!: IdentityInput;
  /** Why, e.g. "身份证号录入错误". Kept in the log, so it must not repeat the personal data. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) reason?: string;
}

export function decideCorrectResidentIdentity(
  c: Decision<CorrectResidentIdentityRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  if (state.identityErased)
    refuse(
      'IDENTITY_ERASED',
      'conflict',
      `居民 ${c.residentId} 的个人信息已删除，不能再更正`,
      `the personal data of resident ${c.residentId} was erased and cannot be corrected`,
      { residentId: c.residentId },
    );
  // The ID number is checked against the resident as registered: the same birth date and sex.
  const personalData = personalDataOf(
    c.identity,
    state.birthDate,
    state.sex,
    c.facts.idNumberHash,
    {
      sameIdNumber: c.facts.sameIdNumber,
      migrated: c.migrated,
    },
  );
  return [
    {
      type: 'ResidentIdentityCorrected',
      data: {
        residentId: c.residentId,
        personalData,
        ...(c.reason !== undefined ? { reason: c.reason } : {}),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const correctResidentIdentity = action({
  type: 'CorrectResidentIdentity',
  summary: {
    zh: '更正居民个人信息（姓名、身份证号、电话、住址，仅存于个人信息库）',
    en: "Correct a resident's name, ID number, phone or address (kept in the personal-data vault only)",
  },
  request: CorrectResidentIdentityRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideCorrectResidentIdentity },
  unitsTouched: residentUnit,
});
