import { IsString, MaxLength, MinLength } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { assertNotInFuture } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertResidentRegistered } from '../rules/resident-guards';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';

export class EraseResidentIdentityRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** Why, e.g. the request or ruling behind it. Kept in the log: it must not repeat the data. */
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

/**
 * Erasure of a resident's personal data: the event records who, when and why; the handler then
 * deletes the resident's data key from the vault (docs/decisions/0021). The service records stay:
 * they were never personal data beyond the pseudonymous id.
 */
export function decideEraseResidentIdentity(
  c: Decision<EraseResidentIdentityRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  if (state.identityErased)
    refuse(
      'IDENTITY_ALREADY_ERASED',
      'conflict',
      `居民 ${c.residentId} 的个人信息已删除`,
      `the personal data of resident ${c.residentId} was erased already`,
      { residentId: c.residentId },
    );
  return [
    {
      type: 'ResidentIdentityErased',
      data: { residentId: c.residentId, reason: c.reason, occurredAt: c.occurredAt },
    },
  ];
}

export const eraseResidentIdentity = action({
  type: 'EraseResidentIdentity',
  summary: {
    zh: '删除居民个人信息（销毁其数据密钥；服务记录与统计数不变）',
    en: "Erase a resident's personal data (its data key is destroyed; records and figures stay)",
  },
  request: EraseResidentIdentityRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideEraseResidentIdentity },
  unitsTouched: residentUnit,
  usesVault: true,
});
