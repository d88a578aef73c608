import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  contractSigned,
  contractTerminated,
  died,
  movedOut,
  recordVoided,
  registered,
  specFor,
} from '../testing/fixtures';
import { terminateContract } from './terminate-contract.action';

const given = specFor(terminateContract);
const terminate = (over: Record<string, unknown> = {}) => ({
  type: 'TerminateContract',
  residentId: 'r1',
  contractId: 'k1',
  reason: '居民要求解约',
  occurredAt: '2024-06-01',
  ...over,
});
const terminated = (over: Record<string, unknown> = {}) => [
  {
    type: 'ContractTerminated',
    data: {
      residentId: 'r1',
      contractId: 'k1',
      reason: '居民要求解约',
      occurredAt: '2024-06-01',
      ...over,
    },
  },
];
const live = contractSigned('k1', '2024-01-01', '2024-12-31');

describe('TerminateContract', () => {
  it('terminates a live contract', () => {
    given([registered(), live]).when(terminate()).then(terminated());
  });

  describe('only an existing, live contract', () => {
    it('refuses an unknown contract id (CONTRACT_NOT_FOUND)', () => {
      given([registered(), live])
        .when(terminate({ contractId: 'k9' }))
        .thenThrows('CONTRACT_NOT_FOUND');
    });
    it('refuses a voided contract', () => {
      given([registered(), live, recordVoided('k1', 'contract', '2024-05-01')])
        .when(terminate())
        .thenThrows('CONTRACT_NOT_FOUND');
    });
    it('refuses a second termination (CONTRACT_TERMINATED)', () => {
      given([registered(), live, contractTerminated('k1', '2024-05-01')])
        .when(terminate())
        .thenThrows('CONTRACT_TERMINATED');
    });
    it('refuses a second termination on the same day', () => {
      given([registered(), live, contractTerminated('k1', '2024-06-01')])
        .when(terminate())
        .thenThrows('CONTRACT_TERMINATED');
    });
  });

  describe('documented behaviour: terminating after a death or move-out is allowed (clean-up)', () => {
    it('accepts a termination dated after the death', () => {
      given([registered(), live, died('2024-03-01')])
        .when(terminate({ reason: '居民死亡' }))
        .then(terminated({ reason: '居民死亡' }));
    });
    it('accepts a termination dated after the move-out', () => {
      given([registered(), live, movedOut('2024-03-01')])
        .when(terminate({ reason: '迁出' }))
        .then(terminated({ reason: '迁出' }));
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(terminate()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered(), live])
        .when(terminate({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered(), live])
        .when(terminate({ occurredAt: LAST_INSTANT_TODAY }))
        .then(terminated({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });
});
