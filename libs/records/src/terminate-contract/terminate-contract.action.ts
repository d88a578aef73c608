import { IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { assertResidentRegistered } from '../rules/resident-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { assertReason } from '../correct-record/record-guards';
import { refuse } from '../rules/rule-error';
import { assertContractInForce } from '../sign-contract/contract-guard';

export class TerminateContractRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsId() contractId!: string;
  @IsString() @Length(1, 500) reason!: string;
}

/** Terminating after a death or move-out is allowed: it is how such contracts get cleaned up. */
export function decideTerminateContract(
  c: Decision<TerminateContractRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertResidentRegistered(state, c.residentId);
  assertNotInFuture(c.occurredAt, c.now);
  assertReason(c.reason);
  const contract = assertContractInForce(state, c.contractId, chinaDay(c.occurredAt));
  if (contract.terminatedOn !== null) {
    refuse(
      'CONTRACT_TERMINATED',
      'conflict',
      `签约 ${c.contractId} 已于 ${contract.terminatedOn} 解约`,
      `contract ${c.contractId} was already terminated on ${contract.terminatedOn}`,
      {
        contractId: c.contractId,
      },
    );
  }
  return [
    {
      type: 'ContractTerminated',
      data: {
        residentId: c.residentId,
        contractId: c.contractId,
        reason: c.reason,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const terminateContract = action({
  type: 'TerminateContract',
  summary: { zh: '解约', en: 'Terminate a contract' },
  request: TerminateContractRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideTerminateContract },
  unitsTouched: residentUnit,
});
