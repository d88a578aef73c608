import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  contractRenewed,
  contractSigned,
  contractTerminated,
  died,
  doctor,
  movedOut,
  recordVoided,
  registered,
  servingDoctor,
  specFor,
  unit,
} from '../testing/fixtures';
import { signContract } from './sign-contract.action';

const given = specFor(signContract, servingDoctor());
const sign = (over: Record<string, unknown> = {}) => ({
  type: 'SignContract',
  residentId: 'r1',
  contractId: 'k2',
  doctorId: 'd1',
  start: '2025-01-01',
  end: '2025-12-31',
  occurredAt: '2024-06-01',
  ...over,
});
const signed = (over: Record<string, unknown> = {}) => [
  {
    type: 'ContractSigned',
    data: {
      residentId: 'r1',
      contractId: 'k2',
      doctorId: 'd1',
      teamId: null,
      start: '2025-01-01',
      end: '2025-12-31',
      household: false,
      servicePackage: 'basic',
      occurredAt: '2024-06-01',
      ...over,
    },
  },
];
/** The resident's current contract: the whole of 2024. */
const current = contractSigned('k1', '2024-01-01', '2024-12-31');

describe('SignContract', () => {
  it('reads start and end sent as timestamps as the days they fall on in China', () => {
    given([registered()])
      .when(sign({ start: '2024-12-31T16:30:00Z', end: '2025-12-31T08:00:00+08:00' }))
      .then(signed());
  });

  it('signs a first contract', () => {
    given([registered()]).when(sign()).then(signed());
  });

  it('near miss: keeps team, household and service package when given', () => {
    given([registered()])
      .when(sign({ teamId: 't1', household: true, servicePackage: 'elderly' }))
      .then(signed({ teamId: 't1', household: true, servicePackage: 'elderly' }));
  });

  describe('one active contract per resident', () => {
    it('refuses a contract overlapping a live, unterminated one (CONTRACT_ALREADY_ACTIVE)', () => {
      given([registered(), current])
        .when(sign({ start: '2024-06-01', end: '2025-05-31' }))
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('refuses one starting on the last day of the old one', () => {
      given([registered(), current])
        .when(sign({ start: '2024-12-31' }))
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('refuses one ending on the first day of the old one', () => {
      given([registered(), current])
        .when(sign({ start: '2023-01-01', end: '2024-01-01' }))
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('refuses one lying wholly inside the old one', () => {
      given([registered(), current])
        .when(sign({ start: '2024-03-01', end: '2024-04-01' }))
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('refuses one overlapping the old one as renewed', () => {
      given([
        registered(),
        current,
        contractRenewed('k1', '2024-12-31', '2025-06-30', '2024-05-01'),
      ])
        .when(sign())
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('near miss: accepts a new contract starting the day after the old one ends', () => {
      given([registered(), current]).when(sign()).then(signed());
    });
    it('near miss: accepts one ending the day before the old one starts', () => {
      given([registered(), current])
        .when(sign({ start: '2023-01-01', end: '2023-12-31' }))
        .then(signed({ start: '2023-01-01', end: '2023-12-31' }));
    });
    it('refuses one starting the day before the old one was terminated', () => {
      given([registered(), current, contractTerminated('k1', '2024-06-01')])
        .when(sign({ start: '2024-05-31', end: '2025-05-30' }))
        .thenThrows('CONTRACT_ALREADY_ACTIVE');
    });
    it('near miss: accepts one starting on the day the old one was terminated', () => {
      given([registered(), current, contractTerminated('k1', '2024-06-01')])
        .when(sign({ start: '2024-06-01', end: '2025-05-31' }))
        .then(signed({ start: '2024-06-01', end: '2025-05-31' }));
    });
    it('near miss: accepts an overlapping one once the old contract record was voided (a voided record stops counting)', () => {
      given([registered(), current, recordVoided('k1', 'contract', '2024-05-01')])
        .when(sign({ start: '2024-06-01', end: '2025-05-31' }))
        .then(signed({ start: '2024-06-01', end: '2025-05-31' }));
    });
  });

  describe('contract ids and periods', () => {
    it('refuses a contract id already used (CONTRACT_ID_TAKEN)', () => {
      given([registered(), current])
        .when(sign({ contractId: 'k1' }))
        .thenThrows('CONTRACT_ID_TAKEN');
    });
    it('refuses the id of a voided contract too', () => {
      given([registered(), current, recordVoided('k1', 'contract')])
        .when(sign({ contractId: 'k1' }))
        .thenThrows('CONTRACT_ID_TAKEN');
    });
    it('refuses an end on the start day (CONTRACT_PERIOD_INVALID)', () => {
      given([registered()])
        .when(sign({ end: '2025-01-01' }))
        .thenThrows('CONTRACT_PERIOD_INVALID');
    });
    it('refuses an end before the start', () => {
      given([registered()])
        .when(sign({ end: '2024-12-31' }))
        .thenThrows('CONTRACT_PERIOD_INVALID');
    });
    it('near miss: accepts a two-day contract', () => {
      given([registered()])
        .when(sign({ end: '2025-01-02' }))
        .then(signed({ end: '2025-01-02' }));
    });
    it('near miss: date-times for start and end are kept as their dates', () => {
      given([registered()])
        .when(sign({ start: '2025-01-01T00:00:00+08:00', end: '2025-12-31T00:00:00+08:00' }))
        .then(signed());
    });
  });

  describe('the doctor belongs to an open unit on the signing day', () => {
    it('refuses an unknown doctor', () => {
      given([registered()]).when(sign(), { doctor: undefined }).thenThrows('DOCTOR_NOT_FOUND');
    });
    it('refuses a day before the doctor joined', () => {
      given([registered()])
        .when(sign(), { doctor: doctor('d1', 'u1', '2024-06-02') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
    it('near miss: accepts the day the doctor joined', () => {
      given([registered()])
        .when(sign(), { doctor: doctor('d1', 'u1', '2024-06-01') })
        .then(signed());
    });
    it("refuses a day the doctor's unit was closed", () => {
      given([registered()])
        .when(sign(), { doctorUnit: unit('u1', 'community_centre', '2020-01-01', '2024-06-01') })
        .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
    });
  });

  it('refuses an unregistered resident', () => {
    given([]).when(sign()).thenThrows('RESIDENT_NOT_FOUND');
  });

  describe('occurredAt between birth and today', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([registered()])
        .when(sign({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([registered()])
        .when(sign({ occurredAt: LAST_INSTANT_TODAY }))
        .then(signed({ occurredAt: LAST_INSTANT_TODAY }));
    });
    it('refuses a signing before birth', () => {
      given([registered('2024-06-02')])
        .when(sign())
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('near miss: accepts a signing on the birth day', () => {
      given([registered('2024-06-01')])
        .when(sign())
        .then(signed());
    });
  });

  describe('no signing after death or move-out', () => {
    it('refuses a signing dated after the death', () => {
      given([registered(), died('2024-05-31')])
        .when(sign())
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts a signing on the day of death', () => {
      given([registered(), died('2024-06-01')])
        .when(sign())
        .then(signed());
    });
    it('refuses a signing dated after the move-out', () => {
      given([registered(), movedOut('2024-05-31')])
        .when(sign())
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('near miss: accepts a signing on the day of the move-out', () => {
      given([registered(), movedOut('2024-06-01')])
        .when(sign())
        .then(signed());
    });
  });
});
