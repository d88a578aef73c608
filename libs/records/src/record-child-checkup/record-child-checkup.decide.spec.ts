import { recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import { childCheckupFault } from '../rules/child-health-timing';
import type { ResidentEvent } from '../streams/resident-events';
import { recordChildCheckup } from './record-child-checkup.action';

const given = specFor(recordChildCheckup, servingDoctor());
// Born 15 September 2023: six months old on 15 March 2024.
const infant = () => registered('2023-09-15');
const checkup = (over: Record<string, unknown> = {}) => ({
  type: 'RecordChildCheckup',
  residentId: 'r1',
  recordId: 'cc-6',
  doctorId: 'd1',
  ageMonths: 6,
  eyeExamined: true,
  occurredAt: '2024-03-15',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'ChildCheckupRecorded',
    data: {
      residentId: 'r1',
      recordId: 'cc-6',
      doctorId: 'd1',
      ageMonths: 6,
      eyeExamined: true,
      occurredAt: '2024-03-15',
      ...over,
    },
  } as ResidentEvent,
];

describe('RecordChildCheckup', () => {
  it('records the six-month checkup on the day the child is six months old', () => {
    given([infant()]).when(checkup()).then(recorded());
  });

  describe('an infant: from 15 days before to 30 days after the month age', () => {
    it('refuses it 16 days early (CHILD_CHECKUP_OUTSIDE_AGE)', () => {
      given([infant()])
        .when(checkup({ occurredAt: '2024-02-28' }))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
    it('near miss: accepts it 15 days early', () => {
      given([infant()])
        .when(checkup({ occurredAt: '2024-02-29' }))
        .then(recorded({ occurredAt: '2024-02-29' }));
    });
    it('refuses it 31 days late', () => {
      given([infant()])
        .when(checkup({ occurredAt: '2024-04-15' }))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
    it('near miss: accepts it 30 days late', () => {
      given([infant()])
        .when(checkup({ occurredAt: '2024-04-14' }))
        .then(recorded({ occurredAt: '2024-04-14' }));
    });
  });

  describe('a toddler: from 30 days before to 60 days after', () => {
    // Born 30 June 2022: 24 months on 30 June 2024.
    const toddler = () => registered('2022-06-30');
    it('refuses the 24-month checkup 31 days early', () => {
      given([toddler()])
        .when(checkup({ recordId: 'cc-24', ageMonths: 24, occurredAt: '2024-05-30' }))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
    it('near miss: accepts it 30 days early', () => {
      given([toddler()])
        .when(checkup({ recordId: 'cc-24', ageMonths: 24, occurredAt: '2024-05-31' }))
        .then(recorded({ recordId: 'cc-24', ageMonths: 24, occurredAt: '2024-05-31' }));
    });
  });

  describe('from four years: 90 days either side, with the vision of each eye', () => {
    // Born 1 March 2020: four years old on 1 March 2024.
    const four = () => registered('2020-03-01');
    const yearly = (on: string) => ({
      recordId: 'cc-48',
      ageMonths: 48,
      visionLeft: 4.9,
      visionRight: 5,
      occurredAt: on,
    });
    it('records the vision test with the checkup', () => {
      given([four()])
        .when(checkup(yearly('2024-05-30')))
        .then(recorded(yearly('2024-05-30')));
    });
    it('refuses the 4-year checkup 91 days late', () => {
      given([four()])
        .when(checkup(yearly('2024-05-31')))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
    it('refuses it 91 days early', () => {
      given([four()])
        .when(checkup(yearly('2023-12-01')))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
    it('near miss: accepts it 90 days early', () => {
      given([four()])
        .when(checkup(yearly('2023-12-02')))
        .then(recorded(yearly('2023-12-02')));
    });
  });

  it('refuses a second checkup for the same age (CHILD_CHECKUP_AGE_DONE)', () => {
    given([infant(), ...recorded()])
      .when(checkup({ recordId: 'cc-6b', occurredAt: '2024-03-20' }))
      .thenThrows('CHILD_CHECKUP_AGE_DONE');
  });

  it('near miss: a voided one may be recorded again', () => {
    given([infant(), ...recorded(), recordVoided('cc-6', 'child_checkup')])
      .when(checkup({ recordId: 'cc-6b' }))
      .then(recorded({ recordId: 'cc-6b' }));
  });

  it('refuses a checkup before the birth', () => {
    given([registered('2024-03-20')])
      .when(checkup({ ageMonths: 1, occurredAt: '2024-03-15' }))
      .thenThrows('OCCURRED_BEFORE_BIRTH');
  });

  describe('migrated', () => {
    it('keeps a checkup dated before the birth, as the old system had it', () => {
      given([registered('2024-03-20')])
        .when(checkup({ ageMonths: 1, occurredAt: '2024-03-15', migrated: true }))
        .then(recorded({ ageMonths: 1, occurredAt: '2024-03-15' }));
    });
    it('near miss: one outside its age window is possible, only wrong: still refused', () => {
      given([infant()])
        .when(checkup({ occurredAt: '2024-04-15', migrated: true }))
        .thenThrows('CHILD_CHECKUP_OUTSIDE_AGE');
    });
  });
});

describe('childCheckupFault', () => {
  it('names a checkup before the birth; the birthday itself is possible', () => {
    expect(childCheckupFault('2024-03-20', '2024-03-19')).toBe('checkup_before_birth');
    expect(childCheckupFault('2024-03-20', '2024-03-20')).toBeNull();
  });
});
