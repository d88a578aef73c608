import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  contractRenewed,
  contractSigned,
  contractTerminated,
  died,
  movedOut,
  recordVoided,
  registered,
  specFor,
} from '../testing/fixtures';
import { renewContract } from './renew-contract.action';

const given = specFor(renewContract);
const renew = (over: Record<string, unknown> = {}) => ({
  type: 'RenewContract',
  residentId: 'r1',
  contractId: 'k1',
  newEnd: '2025-12-31',
  occurredAt: '2024-06-01',
  ...over,
});
const renewed = (over: Record<string, unknown> = {}) => [
  {
    type: 'ContractRenewed',
    data: {
      residentId: 'r1',
      contractId: 'k1',
      previousEnd: '2024-12-31',
      newEnd: '2025-12-31',
      occurredAt: '2024-06-01',
      ...over,
    },
  },
];
const live = contractSigned('k1', '2024-01-01', '2024-12-31');

describe('RenewContract', () => {
  it('renews a live contract, recording the previous end', () => {
    given([registered(), live]).when(renew()).then(renewed());
  });

  it('near miss: renews a contract renewed before, from its latest end', () => {
    given([registered(), live, contractRenewed('k1', '2024-12-31', '2025-06-30', '2024-03-01')])
      .when(renew())
      .then(renewed({ previousEnd: '2025-06-30' }));
  });

  describe('only an existing contract of this resident can be renewed', () => {
    it('refuses an unknown contract id (CONTRACT_NOT_FOUND)', () => {
      given([registered(), live])
        .when(renew({ contractId: 'k9' }))
        .thenThrows('CONTRACT_NOT_FOUND');
    });
    it('refuses a record id that is not a contract', () => {
      given([registered(), checkupRecorded('ck-1')])
        .when(renew({ contractId: 'ck-1' }))
        .thenThrows('CONTRACT_NOT_FOUND');
    });
    it('refuses a voided contract', () => {
      given([registered(), live, recordVoided('k1', 'contract', '2024-05-01')])
        .when(renew())
        .thenThrows('CONTRACT_NOT_FOUND');
    });
  });

  describe('a terminated contract cannot be renewed (CONTRACT_TERMINATED)', () => {
    it('refuses a renewal dated on the termination day', () => {
      given([registered(), live, contractTerminated('k1', '2024-06-01')])
        .when(renew())
        .thenThrows('CONTRACT_TERMINATED');
    });
    it('refuses a renewal dated after the termination', () => {
      given([registered(), live, contractTerminated('k1', '2024-05-01')])
        .when(renew())
        .thenThrows('CONTRACT_TERMINATED');
    });
    it('near miss: accepts a renewal dated the day before the termination', () => {
      given([registered(), live, contractTerminated('k1', '2024-06-02')])
        .when(renew())
        .then(renewed());
    });
  });

  describe('the renewed end is later than the current end (RENEWAL_NOT_LATER)', () => {
    it('refuses the same end', () => {
      given([registered(), live])
        .when(renew({ newEnd: '2024-12-31' }))
        .thenThrows('RENEWAL_NOT_LATER');
    });
    it('refuses an earlier end', () => {
      given([registered(), live])
        .when(renew({ newEnd: '2024-10-01' }))
        .thenThrows('RENEWAL_NOT_LATER');
    });
    it('near miss: accepts one day later', () => {
      given([registered(), live])
        .when(renew({ newEnd: '2025-01-01' }))
        .then(renewed({ newEnd: '2025-01-01' }));
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(renew()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered(), live])
        .when(renew({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered(), live])
        .when(renew({ occurredAt: LAST_INSTANT_TODAY }))
        .then(renewed({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a renewal dated before birth', () => {
      given([registered('2024-06-02'), live])
        .when(renew())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
  });

  describe('no renewal after death or move-out', () => {
    it('refuses a renewal dated after the death', () => {
      given([registered(), live, died('2024-05-31')])
        .when(renew())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts a renewal on the day of death', () => {
      given([registered(), live, died('2024-06-01')])
        .when(renew())
        .then(renewed());
    });
    it('refuses a renewal dated after the move-out', () => {
      given([registered(), live, movedOut('2024-05-31')])
        .when(renew())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts a renewal on the day of the move-out', () => {
      given([registered(), live, movedOut('2024-06-01')])
        .when(renew())
        .then(renewed());
    });
  });
});
