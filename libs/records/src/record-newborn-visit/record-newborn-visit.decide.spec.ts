import { died, recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import { newbornVisitDay, newbornVisitFault } from '../rules/child-health-timing';
import type { ResidentEvent } from '../streams/resident-events';
import { recordNewbornVisit } from './record-newborn-visit.action';

const given = specFor(recordNewbornVisit, servingDoctor());
// Born 10 June 2024, home from hospital on 12 June.
const newborn = () => registered('2024-06-10');
const visit = (over: Record<string, unknown> = {}) => ({
  type: 'RecordNewbornVisit',
  residentId: 'r1',
  recordId: 'nv-1',
  doctorId: 'd1',
  dischargedOn: '2024-06-12',
  eyeExamined: true,
  occurredAt: '2024-06-15',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'NewbornVisitRecorded',
    data: {
      residentId: 'r1',
      recordId: 'nv-1',
      doctorId: 'd1',
      dischargedOn: '2024-06-12',
      eyeExamined: true,
      occurredAt: '2024-06-15',
      ...over,
    },
  } as ResidentEvent,
];

describe('RecordNewbornVisit', () => {
  it('records a home visit three days after the discharge', () => {
    given([newborn()]).when(visit()).then(recorded());
  });

  it('keeps the discharge as a day, whatever time of day it was sent with', () => {
    given([newborn()])
      .when(visit({ dischargedOn: '2024-06-12T10:30:00+08:00' }))
      .then(recorded());
  });

  describe('the 7 days are the indicator’s, not a refusal: a late visit is still a visit', () => {
    it('records a visit on day 7 after the discharge', () => {
      given([newborn()])
        .when(visit({ occurredAt: '2024-06-19' }))
        .then(recorded({ occurredAt: '2024-06-19' }));
    });
    it('near miss: records a visit on day 8 too (it will not count)', () => {
      given([newborn()])
        .when(visit({ occurredAt: '2024-06-20' }))
        .then(recorded({ occurredAt: '2024-06-20' }));
    });
  });

  describe('not later than 28 days after the discharge (NEWBORN_VISIT_TOO_LATE)', () => {
    // Discharged 1 June after a longer stay (born 28 May), so day 29 is still before today.
    const early = () => registered('2024-05-28');
    it('refuses a visit on day 29', () => {
      given([early()])
        .when(visit({ dischargedOn: '2024-06-01', occurredAt: '2024-06-30' }))
        .thenThrows('NEWBORN_VISIT_TOO_LATE');
    });
    it('near miss: accepts one on day 28', () => {
      given([early()])
        .when(visit({ dischargedOn: '2024-06-01', occurredAt: '2024-06-29' }))
        .then(recorded({ dischargedOn: '2024-06-01', occurredAt: '2024-06-29' }));
    });
  });

  describe('impossible sequences are refused', () => {
    it('a visit before the discharge (NEWBORN_VISIT_BEFORE_DISCHARGE)', () => {
      given([newborn()])
        .when(visit({ occurredAt: '2024-06-11' }))
        .thenThrows('NEWBORN_VISIT_BEFORE_DISCHARGE');
    });
    it('near miss: a visit on the day of the discharge', () => {
      given([newborn()])
        .when(visit({ occurredAt: '2024-06-12' }))
        .then(recorded({ occurredAt: '2024-06-12' }));
    });
    it('a discharge before the birth (NEWBORN_DISCHARGED_BEFORE_BIRTH)', () => {
      given([newborn()])
        .when(visit({ dischargedOn: '2024-06-09' }))
        .thenThrows('NEWBORN_DISCHARGED_BEFORE_BIRTH');
    });
    it('a visit before the birth (OCCURRED_BEFORE_BIRTH)', () => {
      given([newborn()])
        .when(visit({ dischargedOn: '2024-06-10', occurredAt: '2024-06-09' }))
        .thenThrows('OCCURRED_BEFORE_BIRTH');
    });
  });

  describe('a migrated record with impossible dates is kept as the old system had it', () => {
    it('keeps a visit dated before the birth', () => {
      given([newborn()])
        .when(visit({ dischargedOn: '2024-06-08', occurredAt: '2024-06-09', migrated: true }))
        .then(recorded({ dischargedOn: '2024-06-08', occurredAt: '2024-06-09' }));
    });
    it('keeps a visit dated before the discharge', () => {
      given([newborn()])
        .when(visit({ occurredAt: '2024-06-11', migrated: true }))
        .then(recorded({ occurredAt: '2024-06-11' }));
    });
    it('near miss: a migrated visit 29 days late is possible, only wrong: still refused', () => {
      given([registered('2024-05-28')])
        .when(visit({ dischargedOn: '2024-06-01', occurredAt: '2024-06-30', migrated: true }))
        .thenThrows('NEWBORN_VISIT_TOO_LATE');
    });
    it('still refuses a visit after the death', () => {
      given([newborn(), died('2024-06-14')])
        .when(visit({ migrated: true }))
        .thenThrows('SERVICE_AFTER_DEATH');
    });
  });

  it('refuses a second newborn visit (NEWBORN_VISIT_DONE)', () => {
    given([newborn(), ...recorded()])
      .when(visit({ recordId: 'nv-2', occurredAt: '2024-06-16' }))
      .thenThrows('NEWBORN_VISIT_DONE');
  });

  it('near miss: a voided one may be recorded again', () => {
    given([newborn(), ...recorded(), recordVoided('nv-1', 'newborn_visit')])
      .when(visit({ recordId: 'nv-2' }))
      .then(recorded({ recordId: 'nv-2' }));
  });
});

describe('newbornVisitFault', () => {
  it('is null for dates that can be true, including a visit on the day of the discharge', () => {
    expect(newbornVisitFault('2024-06-10', '2024-06-12', '2024-06-12')).toBeNull();
    expect(newbornVisitFault('2024-06-10', '2024-06-10', '2024-06-10')).toBeNull();
  });
  it('names the impossible sequence, the birth first', () => {
    expect(newbornVisitFault('2024-06-10', '2024-06-08', '2024-06-09')).toBe('visit_before_birth');
    expect(newbornVisitFault('2024-06-10', '2024-06-09', '2024-06-12')).toBe(
      'discharged_before_birth',
    );
    expect(newbornVisitFault('2024-06-10', '2024-06-12', '2024-06-11')).toBe(
      'visit_before_discharge',
    );
  });
  it('counts the days after the discharge across a month end', () => {
    expect(newbornVisitDay('2024-06-28', '2024-07-05')).toBe(7);
    expect(newbornVisitDay('2024-06-28', '2024-07-06')).toBe(8);
  });
});
