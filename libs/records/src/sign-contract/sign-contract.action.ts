import { chinaDay } from '../rules/dates';
import { IsBoolean, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import { type ResidentState, liveRecord } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { doctorFacts, assertDoctorServes } from '../rules/doctor-guards';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class SignContractRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsId() contractId!: string;
  @IsId() doctorId!: string;
  @IsOptional() @IsId() teamId?: string;
  @IsISO8601({ strict: true }) start!: string;
  @IsISO8601({ strict: true }) end!: string;
  /** Signed as part of a household (以家庭为单位), which counts separately. */
  @IsOptional() @IsBoolean() household?: boolean;
  @IsOptional() @IsString() @Length(1, 50) servicePackage?: string;
}

export function decideSignContract(
  c: Decision<SignContractRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  // A date sent as a timestamp means the day it falls on in China, as occurredAt does.
  const start = chinaDay(c.start);
  const end = chinaDay(c.end);
  if (end <= start) {
    refuse(
      'CONTRACT_PERIOD_INVALID',
      'unprocessable',
      `签约结束日 ${end} 须晚于开始日 ${start}`,
      `contract end ${end} must be after its start ${start}`,
      { start, end },
    );
  }
  if (state.contracts[c.contractId] || state.records[c.contractId]) {
    refuse(
      'CONTRACT_ID_TAKEN',
      'conflict',
      `签约编号 ${c.contractId} 已使用`,
      `contract id ${c.contractId} is already used`,
      { contractId: c.contractId },
    );
  }
  // One active contract per resident: no overlap with a live, unterminated contract.
  const clash = Object.values(state.contracts).find(
    (k) =>
      liveRecord(state, k.contractId) &&
      k.start <= end &&
      start <= k.end &&
      (k.terminatedOn === null || k.terminatedOn > start),
  );
  if (clash) {
    refuse(
      'CONTRACT_ALREADY_ACTIVE',
      'conflict',
      `居民已有有效签约 ${clash.contractId}（${clash.start} 至 ${clash.end}）`,
      `the resident already has an active contract ${clash.contractId} (${clash.start} to ${clash.end})`,
      {
        contractId: clash.contractId,
      },
    );
  }
  const data = {
    residentId: c.residentId,
    contractId: c.contractId,
    doctorId: c.doctorId,
    teamId: c.teamId ?? null,
    start,
    end,
    household: c.household ?? false,
    servicePackage: c.servicePackage ?? 'basic',
    occurredAt: c.occurredAt,
  };
  return [{ type: 'ContractSigned', data }];
}

export const signContract = action({
  type: 'SignContract',
  summary: { zh: '家庭医生签约', en: 'Sign a family doctor contract' },
  request: SignContractRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideSignContract },
  unitsTouched: residentUnit,
  facts: (r, lookup) => doctorFacts(lookup, r.doctorId, r.occurredAt),
});
