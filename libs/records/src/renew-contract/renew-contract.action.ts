import { IsISO8601 } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, liveRecord } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { chinaDay } from '../rules/dates';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { assertContractInForce } from '../sign-contract/contract-guard';

export class RenewContractRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** The existing contract being renewed (续约). */
  @IsId() contractId!: string;
  @IsISO8601({ strict: true }) newEnd!: string;
}

export function decideRenewContract(
  c: Decision<RenewContractRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  const contract = assertContractInForce(state, c.contractId, chinaDay(c.occurredAt));
  // A timestamp means the day it falls on in China, as occurredAt does.
  const newEnd = chinaDay(c.newEnd);
  if (newEnd <= contract.end) {
    refuse(
      'RENEWAL_NOT_LATER',
      'unprocessable',
      `续约结束日 ${newEnd} 须晚于原结束日 ${contract.end}`,
      `the renewed end ${newEnd} must be after the current end ${contract.end}`,
      {
        contractId: c.contractId,
      },
    );
  }
  const clash = Object.values(state.contracts).find(
    (k) =>
      k.contractId !== c.contractId &&
      liveRecord(state, k.contractId) &&
      k.terminatedOn === null &&
      k.start <= newEnd &&
      contract.end < k.end,
  );
  if (clash) {
    refuse(
      'CONTRACT_ALREADY_ACTIVE',
      'conflict',
      `续约期与有效签约 ${clash.contractId}（${clash.start} 至 ${clash.end}）重叠`,
      `the renewed period overlaps the active contract ${clash.contractId} (${clash.start} to ${clash.end})`,
      {
        contractId: clash.contractId,
      },
    );
  }
  return [
    {
      type: 'ContractRenewed',
      data: {
        residentId: c.residentId,
        contractId: c.contractId,
        previousEnd: contract.end,
        newEnd,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const renewContract = action({
  type: 'RenewContract',
  summary: { zh: '续约', en: 'Renew an existing contract' },
  request: RenewContractRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRenewContract },
  unitsTouched: residentUnit,
});
