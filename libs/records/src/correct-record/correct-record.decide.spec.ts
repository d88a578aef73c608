import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  checkupRecorded,
  contractSigned,
  died,
  enrolled,
  followUpRecorded,
  movedOut,
  recordCorrected,
  recordVoided,
  registered,
  specFor,
  tcmRecorded,
} from '../testing/fixtures';
import { correctRecord } from './correct-record.action';

const given = specFor(correctRecord);
const correct = (over: Record<string, unknown> = {}) => ({
  type: 'CorrectRecord',
  residentId: 'r1',
  recordId: 'fu-1',
  reason: '录入错误',
  changes: { systolic: 138 },
  occurredAt: '2024-04-01',
  ...over,
});
const corrected = (over: Record<string, unknown> = {}) => [
  {
    type: 'RecordCorrected',
    data: {
      residentId: 'r1',
      recordId: 'fu-1',
      recordType: 'follow_up',
      changes: { systolic: 138 },
      reason: '录入错误',
      occurredAt: '2024-04-01',
      ...over,
    },
  },
];
/** A hypertension patient with one follow-up on 2024-03-05 (132/84). */
const withFollowUp = [
  registered(),
  enrolled('hypertension', '2024-01-10'),
  followUpRecorded('fu-1', '2024-03-05'),
];

describe('CorrectRecord', () => {
  it('near miss: accepts a valid correction of systolic', () => {
    given(withFollowUp).when(correct()).then(corrected());
  });

  it('keeps the reason trimmed', () => {
    given(withFollowUp)
      .when(correct({ reason: '  录入错误 ' }))
      .then(corrected());
  });

  describe('a correction names an existing record of the same resident', () => {
    it('refuses an unknown record id (RECORD_NOT_FOUND)', () => {
      given(withFollowUp)
        .when(correct({ recordId: 'fu-9' }))
        .thenThrows('RECORD_NOT_FOUND');
    });
    it("refuses a record id that exists only in another resident's stream", () => {
      const otherResident = [
        registered('1950-04-01', 'r2'),
        followUpRecorded('fu-r2', '2024-03-05', { residentId: 'r2' }),
      ];
      // The record is there for r2 ...
      given(otherResident)
        .when(correct({ residentId: 'r2', recordId: 'fu-r2' }))
        .then(corrected({ residentId: 'r2', recordId: 'fu-r2' }));
      // ... but not in r1's state, so r1 cannot correct it.
      given(withFollowUp)
        .when(correct({ recordId: 'fu-r2' }))
        .thenThrows('RECORD_NOT_FOUND');
    });
    it('refuses a voided record (RECORD_VOIDED)', () => {
      given([...withFollowUp, recordVoided('fu-1', 'follow_up', '2024-03-10')])
        .when(correct())
        .thenThrows('RECORD_VOIDED');
    });
    it('refuses an unregistered resident', () => {
      given([]).when(correct()).thenThrows('RESIDENT_NOT_FOUND');
    });
  });

  describe('a correction gives a reason', () => {
    it('refuses a whitespace-only reason (REASON_REQUIRED)', () => {
      given(withFollowUp)
        .when(correct({ reason: ' \t ' }))
        .thenThrows('REASON_REQUIRED');
    });
    it('near miss: accepts a one-character reason', () => {
      given(withFollowUp)
        .when(correct({ reason: '误' }))
        .then(corrected({ reason: '误' }));
    });
  });

  describe('only correctable fields, with valid values (CORRECTION_NOT_ALLOWED)', () => {
    it.each([
      ['an identity field: the doctor', { doctorId: 'd2' }],
      ['an identity field: the condition', { condition: 'diabetes' }],
      ['the record id', { recordId: 'fu-2' }],
      ['a number given as text', { systolic: '138' }],
      ['a mode outside the vocabulary', { mode: 'telepathy' }],
      ['a referral that is not a boolean', { referral: 'yes' }],
      ['a date that is not a date', { occurredAt: 'yesterday' }],
      ['one good field alongside a bad one', { systolic: 138, doctorId: 'd2' }],
      ['no changes at all', {}],
    ])('refuses %s', (_name, changes) => {
      given(withFollowUp).when(correct({ changes })).thenThrows('CORRECTION_NOT_ALLOWED');
    });
    it('refuses correcting the period of a contract', () => {
      given([registered(), contractSigned('k1')])
        .when(correct({ recordId: 'k1', changes: { end: '2025-12-31' } }))
        .thenThrows('CORRECTION_NOT_ALLOWED');
    });
    it('near miss: accepts correcting the service package of a contract', () => {
      given([registered(), contractSigned('k1')])
        .when(correct({ recordId: 'k1', changes: { servicePackage: 'elderly' } }))
        .then(
          corrected({
            recordId: 'k1',
            recordType: 'contract',
            changes: { servicePackage: 'elderly' },
          }),
        );
    });
    it('refuses checkup vitals with an unknown reading', () => {
      given([registered(), checkupRecorded('ck-1')])
        .when(correct({ recordId: 'ck-1', changes: { vitals: { pulse: 70 } } }))
        .thenThrows('CORRECTION_NOT_ALLOWED');
    });
    it('refuses a field of another record type (a constitution on a follow-up)', () => {
      given(withFollowUp)
        .when(correct({ changes: { constitution: 'balanced' } }))
        .thenThrows('CORRECTION_NOT_ALLOWED');
    });
    it('near miss: accepts the constitution of a TCM assessment', () => {
      given([registered(), tcmRecorded('tcm-1')])
        .when(correct({ recordId: 'tcm-1', changes: { constitution: 'balanced' } }))
        .then(
          corrected({
            recordId: 'tcm-1',
            recordType: 'tcm_assessment',
            changes: { constitution: 'balanced' },
          }),
        );
    });
  });

  describe('corrected vitals stay within bounds (VITALS_OUT_OF_RANGE)', () => {
    it('refuses a corrected systolic above 300', () => {
      given(withFollowUp)
        .when(correct({ changes: { systolic: 310 } }))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
    it('refuses a corrected diastolic not below the recorded systolic', () => {
      given(withFollowUp)
        .when(correct({ changes: { diastolic: 132 } }))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
    it('near miss: accepts a corrected diastolic one below the recorded systolic', () => {
      given(withFollowUp)
        .when(correct({ changes: { diastolic: 131 } }))
        .then(corrected({ changes: { diastolic: 131 } }));
    });
    it('checks against earlier corrections: systolic corrected to 138, then diastolic 138 is refused', () => {
      given([
        ...withFollowUp,
        recordCorrected('fu-1', 'follow_up', { systolic: 138 }, '2024-03-20'),
      ])
        .when(correct({ changes: { diastolic: 138 } }))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
    it('near miss: ... and diastolic 137 is accepted', () => {
      given([
        ...withFollowUp,
        recordCorrected('fu-1', 'follow_up', { systolic: 138 }, '2024-03-20'),
      ])
        .when(correct({ changes: { diastolic: 137 } }))
        .then(corrected({ changes: { diastolic: 137 } }));
    });
    it('refuses checkup vitals corrected out of range', () => {
      given([registered(), checkupRecorded('ck-1')])
        .when(correct({ recordId: 'ck-1', changes: { vitals: { systolic: 310, diastolic: 85 } } }))
        .thenThrows('VITALS_OUT_OF_RANGE');
    });
    it('near miss: accepts checkup vitals corrected within range', () => {
      const changes = { vitals: { systolic: 138, diastolic: 85 } };
      given([registered(), checkupRecorded('ck-1')])
        .when(correct({ recordId: 'ck-1', changes }))
        .then(corrected({ recordId: 'ck-1', recordType: 'checkup', changes }));
    });
  });

  describe('a corrected service date obeys the service rules', () => {
    it('refuses a corrected occurredAt after the death (SERVICE_AFTER_DEATH)', () => {
      given([...withFollowUp, died('2024-03-10')])
        .when(correct({ changes: { occurredAt: '2024-03-11' } }))
        .thenThrows('SERVICE_AFTER_DEATH');
    });
    it('near miss: accepts a corrected occurredAt on the day of death', () => {
      given([...withFollowUp, died('2024-03-10')])
        .when(correct({ changes: { occurredAt: '2024-03-10' } }))
        .then(corrected({ changes: { occurredAt: '2024-03-10' } }));
    });
    it('refuses a corrected occurredAt after the move-out (SERVICE_AFTER_MOVE_OUT)', () => {
      given([...withFollowUp, movedOut('2024-03-10')])
        .when(correct({ changes: { occurredAt: '2024-03-11' } }))
        .thenThrows('SERVICE_AFTER_MOVE_OUT');
    });
    it('refuses a corrected occurredAt in the future', () => {
      given(withFollowUp)
        .when(correct({ changes: { occurredAt: '2024-07-01' } }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('refuses a corrected occurredAt before birth', () => {
      given([registered(), checkupRecorded('ck-1')])
        .when(correct({ recordId: 'ck-1', changes: { occurredAt: '1950-03-31' } }))
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
    it('refuses a follow-up moved before the enrolment (NOT_ENROLLED)', () => {
      given(withFollowUp)
        .when(correct({ changes: { occurredAt: '2024-01-09' } }))
        .thenThrows('NOT_ENROLLED');
    });
    it('near miss: accepts a follow-up moved to the enrolment day', () => {
      given(withFollowUp)
        .when(correct({ changes: { occurredAt: '2024-01-10' } }))
        .then(corrected({ changes: { occurredAt: '2024-01-10' } }));
    });
    it('near miss: a correction made after the death, of a service before it, is accepted', () => {
      given([...withFollowUp, died('2024-03-10')])
        .when(correct())
        .then(corrected());
    });
  });

  describe('the correction itself is not dated in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given(withFollowUp)
        .when(correct({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given(withFollowUp)
        .when(correct({ occurredAt: LAST_INSTANT_TODAY }))
        .then(corrected({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });
});
