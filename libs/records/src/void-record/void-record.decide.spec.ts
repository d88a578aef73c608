import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  contractSigned,
  died,
  enrolled,
  followUpRecorded,
  recordCorrected,
  recordVoided,
  registered,
  specFor,
} from '../testing/fixtures';
import { voidRecord } from './void-record.action';

const given = specFor(voidRecord);
const voidIt = (over: Record<string, unknown> = {}) => ({
  type: 'VoidRecord',
  residentId: 'r1',
  recordId: 'ck-1',
  reason: '重复录入',
  occurredAt: '2024-04-01',
  ...over,
});
const voided = (over: Record<string, unknown> = {}) => [
  {
    type: 'RecordVoided',
    data: {
      residentId: 'r1',
      recordId: 'ck-1',
      recordType: 'checkup',
      reason: '重复录入',
      occurredAt: '2024-04-01',
      ...over,
    },
  },
];
const withCheckup = [registered(), checkupRecorded('ck-1', '2024-03-05')];

describe('VoidRecord', () => {
  it('near miss: voids a checkup, naming its record type', () => {
    given(withCheckup).when(voidIt()).then(voided());
  });

  it('keeps the reason trimmed', () => {
    given(withCheckup)
      .when(voidIt({ reason: ' 重复录入  ' }))
      .then(voided());
  });

  it('voids a contract, an enrolment or a follow-up alike', () => {
    given([registered(), contractSigned('k1')])
      .when(voidIt({ recordId: 'k1' }))
      .then(voided({ recordId: 'k1', recordType: 'contract' }));
    given([registered(), enrolled('hypertension', '2024-01-10', 'en-1')])
      .when(voidIt({ recordId: 'en-1' }))
      .then(voided({ recordId: 'en-1', recordType: 'enrolment' }));
    given([registered(), enrolled(), followUpRecorded('fu-1')])
      .when(voidIt({ recordId: 'fu-1' }))
      .then(voided({ recordId: 'fu-1', recordType: 'follow_up' }));
  });

  it('voids a record that was corrected before', () => {
    given([...withCheckup, recordCorrected('ck-1', 'checkup', { complete: false }, '2024-03-20')])
      .when(voidIt())
      .then(voided());
  });

  it('voids a record after the resident died (the audit trail goes on)', () => {
    given([...withCheckup, died('2024-03-10')])
      .when(voidIt())
      .then(voided());
  });

  describe('a void names an existing, live record of this resident', () => {
    it('refuses an unknown record id (RECORD_NOT_FOUND)', () => {
      given(withCheckup)
        .when(voidIt({ recordId: 'ck-9' }))
        .thenThrows('RECORD_NOT_FOUND');
    });
    it("refuses a record id that exists only in another resident's stream", () => {
      const otherResident = [
        registered('1950-04-01', 'r2'),
        { type: 'CheckupRecorded', data: { ...checkupRecorded('ck-r2').data, residentId: 'r2' } },
      ];
      // The record is there for r2 ...
      given(otherResident)
        .when(voidIt({ residentId: 'r2', recordId: 'ck-r2' }))
        .then(voided({ residentId: 'r2', recordId: 'ck-r2' }));
      // ... but not in r1's state, so r1 cannot void it.
      given(withCheckup)
        .when(voidIt({ recordId: 'ck-r2' }))
        .thenThrows('RECORD_NOT_FOUND');
    });
    it('refuses voiding twice (RECORD_VOIDED)', () => {
      given([...withCheckup, recordVoided('ck-1', 'checkup', '2024-03-20')])
        .when(voidIt())
        .thenThrows('RECORD_VOIDED');
    });
    it('refuses an unregistered resident', () => {
      given([]).when(voidIt()).thenThrows('RESIDENT_NOT_FOUND');
    });
  });

  describe('a void gives a reason (REASON_REQUIRED)', () => {
    it('refuses a whitespace-only reason', () => {
      given(withCheckup)
        .when(voidIt({ reason: '   ' }))
        .thenThrows('REASON_REQUIRED');
    });
    it('refuses an empty reason', () => {
      given(withCheckup)
        .when(voidIt({ reason: '' }))
        .thenThrows('REASON_REQUIRED');
    });
    it('near miss: accepts a one-character reason', () => {
      given(withCheckup)
        .when(voidIt({ reason: '重' }))
        .then(voided({ reason: '重' }));
    });
  });

  describe('the void is not dated in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given(withCheckup)
        .when(voidIt({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given(withCheckup)
        .when(voidIt({ occurredAt: LAST_INSTANT_TODAY }))
        .then(voided({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });
});
