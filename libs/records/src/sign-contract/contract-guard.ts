import { type ContractView, type ResidentState, liveRecord } from '../streams/resident-state';
import { refuse } from '../rules/rule-error';

/** Renewal and termination act only on a live contract of this resident that is still in force. */
export function assertContractInForce(
  state: ResidentState,
  contractId: string,
  day: string,
): ContractView {
  const contract = state.contracts[contractId];
  if (!contract || !liveRecord(state, contractId)) {
    return refuse(
      'CONTRACT_NOT_FOUND',
      'not_found',
      `该居民没有签约 ${contractId}`,
      `the resident has no contract ${contractId}`,
      { contractId },
    );
  }
  if (contract.terminatedOn !== null && contract.terminatedOn <= day) {
    return refuse(
      'CONTRACT_TERMINATED',
      'conflict',
      `签约 ${contractId} 已于 ${contract.terminatedOn} 解约`,
      `contract ${contractId} was terminated on ${contract.terminatedOn}`,
      {
        contractId,
      },
    );
  }
  return contract;
}
