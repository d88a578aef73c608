import { evolveDoctor, initialDoctorState, membershipOn } from '../streams/doctor-events';
import { assignTargets } from '../assign-targets/assign-targets.action';
import { correctRecord } from '../correct-record/correct-record.action';
import { recordFollowUp } from '../record-follow-up/record-follow-up.action';
import { recordResidentMovedOut } from '../record-resident-moved-out/record-resident-moved-out.action';
import { registerDoctor } from '../register-doctor/register-doctor.action';
import { renameOrgUnit } from '../rename-org-unit/rename-org-unit.action';
import { renewContract } from '../renew-contract/renew-contract.action';
import { signContract } from '../sign-contract/sign-contract.action';
import { terminateContract } from '../terminate-contract/terminate-contract.action';
import {
  checkupRecorded,
  contractSigned,
  contractTerminated,
  doctorRegistered,
  enrolled,
  movedOut,
  registered,
  servingDoctor,
  specFor,
  unit,
  unitRegistered,
  unitRenamed,
} from './fixtures';

/** Rules added after a review found these gaps; each with the near miss that stays accepted. */
describe('review regressions', () => {
  it('a rename may not be back-dated before the latest change (the history would be rewritten)', () => {
    const given = specFor(renameOrgUnit);
    const history = [unitRegistered('u1'), unitRenamed('u1', 'B', 'u1', '2024-05-01')];
    given(history)
      .when({ type: 'RenameOrgUnit', unitId: 'u1', name: 'C', occurredAt: '2024-03-01' })
      .thenThrows('CHANGE_NOT_IN_ORDER');
    given(history)
      .when({ type: 'RenameOrgUnit', unitId: 'u1', name: 'C', occurredAt: '2024-05-01' })
      .then([
        {
          type: 'OrgUnitRenamed',
          data: { unitId: 'u1', name: 'C', previousName: 'B', occurredAt: '2024-05-01' },
        },
      ]);
  });

  it('a renewal may not run into another active contract', () => {
    const given = specFor(renewContract);
    const history = [
      registered(),
      contractSigned('k1', '2024-01-01', '2024-06-30'),
      contractSigned('k2', '2024-07-01', '2025-06-30'),
    ];
    given(history)
      .when({
        type: 'RenewContract',
        residentId: 'r1',
        contractId: 'k1',
        newEnd: '2025-06-30',
        occurredAt: '2024-05-01',
      })
      .thenThrows('CONTRACT_ALREADY_ACTIVE');
    given([...history, contractTerminated('k2', '2024-04-01')])
      .when({
        type: 'RenewContract',
        residentId: 'r1',
        contractId: 'k1',
        newEnd: '2025-06-30',
        occurredAt: '2024-05-01',
      })
      .then([
        {
          type: 'ContractRenewed',
          data: {
            residentId: 'r1',
            contractId: 'k1',
            previousEnd: '2024-06-30',
            newEnd: '2025-06-30',
            occurredAt: '2024-05-01',
          },
        },
      ]);
  });

  it('a contract id may not reuse the id of another record', () => {
    const given = specFor(signContract, servingDoctor());
    const sign = {
      type: 'SignContract',
      residentId: 'r1',
      contractId: 'ck-1',
      doctorId: 'd1',
      start: '2024-01-01',
      end: '2024-12-31',
      occurredAt: '2024-01-01',
    };
    given([registered(), checkupRecorded('ck-1')])
      .when(sign)
      .thenThrows('CONTRACT_ID_TAKEN');
  });

  it('a corrected date must be a real calendar date', () => {
    const given = specFor(correctRecord);
    const base = {
      type: 'CorrectRecord',
      residentId: 'r1',
      recordId: 'ck-1',
      reason: 'wrong day',
      occurredAt: '2024-04-01',
    };
    given([registered(), checkupRecorded('ck-1')])
      .when({ ...base, changes: { occurredAt: '2024-02-30' } })
      .thenThrows('CORRECTION_NOT_ALLOWED');
    given([registered(), checkupRecorded('ck-1')])
      .when({ ...base, changes: { occurredAt: '2024-02-29' } })
      .then([
        {
          type: 'RecordCorrected',
          data: {
            residentId: 'r1',
            recordId: 'ck-1',
            recordType: 'checkup',
            changes: { occurredAt: '2024-02-29' },
            reason: 'wrong day',
            occurredAt: '2024-04-01',
          },
        },
      ]);
  });

  it('a vitals correction keeps the readings it does not name, and checks them together', () => {
    const given = specFor(correctRecord);
    const base = {
      type: 'CorrectRecord',
      residentId: 'r1',
      recordId: 'ck-1',
      reason: 'typo',
      occurredAt: '2024-04-01',
    };
    const history = [
      registered(),
      checkupRecorded('ck-1', '2024-03-05', { systolic: 130, diastolic: 85, weightKg: 60 }),
    ];
    given(history)
      .when({ ...base, changes: { vitals: { diastolic: 140 } } })
      .thenThrows('VITALS_OUT_OF_RANGE');
    given(history)
      .when({ ...base, changes: { vitals: { diastolic: 80 } } })
      .then([
        {
          type: 'RecordCorrected',
          data: {
            residentId: 'r1',
            recordId: 'ck-1',
            recordType: 'checkup',
            changes: { vitals: { systolic: 130, diastolic: 80, weightKg: 60 } },
            reason: 'typo',
            occurredAt: '2024-04-01',
          },
        },
      ]);
  });

  it('the same target sheet in another order changes nothing', () => {
    const given = specFor(assignTargets, { unit: unit('u1') });
    const sheet = { type: 'AssignTargets', unitId: 'u1', year: 2024, occurredAt: '2024-01-05' };
    given([
      {
        type: 'TargetsAssigned',
        data: {
          unitId: 'u1',
          year: 2024,
          targets: { population: 1, signing: 2 },
          occurredAt: '2024-01-02',
        },
      },
    ])
      .when({
        ...sheet,
        targets: [
          { indicator: 'signing', count: 2 },
          { indicator: 'population', count: 1 },
        ],
      })
      .thenNothingHappens();
  });

  it('targets are refused for a year that ended before the unit opened', () => {
    const given = specFor(assignTargets, { unit: unit('u1', 'community_centre', '2024-02-01') });
    given([])
      .when({
        type: 'AssignTargets',
        unitId: 'u1',
        year: 2023,
        occurredAt: '2024-03-01',
        targets: [{ indicator: 'population', count: 5 }],
      })
      .thenThrows('UNIT_NOT_OPEN');
  });

  it('effective dates are China days: a doctor registered 01:00 China time on 2 March does not serve on 1 March', () => {
    const state = evolveDoctor(
      initialDoctorState(),
      doctorRegistered('d1', 'u1', null, '2024-03-01T17:00:00Z') as never,
    );
    expect(membershipOn(state, '2024-03-01')).toBeUndefined();
    expect(membershipOn(state, '2024-03-02')).toBeDefined();
    const given = specFor(recordFollowUp, { doctor: state, doctorUnit: unit('u1') });
    const fu = {
      type: 'RecordFollowUp',
      residentId: 'r1',
      recordId: 'fu-9',
      doctorId: 'd1',
      condition: 'hypertension',
      mode: 'phone',
      systolic: 130,
      diastolic: 80,
    };
    given([registered(), enrolled()])
      .when({ ...fu, occurredAt: '2024-03-01' })
      .thenThrows('DOCTOR_NOT_IN_UNIT_ON_DATE');
  });

  it('a termination is not repeated, and needs a real reason', () => {
    const given = specFor(terminateContract);
    const term = {
      type: 'TerminateContract',
      residentId: 'r1',
      contractId: 'k1',
      occurredAt: '2024-03-01',
    };
    given([registered(), contractSigned('k1'), contractTerminated('k1', '2024-05-01')])
      .when({ ...term, reason: 'again' })
      .thenThrows('CONTRACT_TERMINATED');
    given([registered(), contractSigned('k1')])
      .when({ ...term, reason: '   ' })
      .thenThrows('REASON_REQUIRED');
  });

  it('a move-out is recorded once', () => {
    const given = specFor(recordResidentMovedOut);
    given([registered(), movedOut('2024-05-01')])
      .when({ type: 'RecordResidentMovedOut', residentId: 'r1', occurredAt: '2024-04-01' })
      .thenThrows('ALREADY_MOVED_OUT');
  });

  it("a doctor's team must belong to the doctor's unit", () => {
    const given = specFor(registerDoctor, {
      unit: unit('u1'),
      team: unit('t9', 'team', '2020-01-01', undefined, 'u2'),
    });
    given([])
      .when({
        type: 'RegisterDoctor',
        doctorId: 'd1',
        unitId: 'u1',
        teamId: 't9',
        occurredAt: '2024-01-10',
      })
      .thenThrows('TEAM_NOT_IN_UNIT');
  });
});
