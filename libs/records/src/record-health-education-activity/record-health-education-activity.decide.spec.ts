import { FIRST_INSTANT_TOMORROW, LAST_INSTANT_TODAY, specFor, unit } from '../testing/fixtures';
import { centreWithDoctor } from '../testing/unit-activity-fixtures';
import { recordHealthEducationActivity } from './record-health-education-activity.action';

const given = specFor(recordHealthEducationActivity, centreWithDoctor());
const lecture = (over: Record<string, unknown> = {}) => ({
  type: 'RecordHealthEducationActivity',
  unitId: 'c1',
  recordId: 'edu-1',
  doctorId: 'd1',
  kind: 'lecture',
  title: '高血压的家庭自我管理',
  audience: 42,
  occurredAt: '2024-03-12',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'HealthEducationActivityRecorded',
    data: {
      unitId: 'c1',
      recordId: 'edu-1',
      kind: 'lecture',
      title: '高血压的家庭自我管理',
      audience: 42,
      doctorId: 'd1',
      occurredAt: '2024-03-12',
      ...over,
    },
  },
];

describe('RecordHealthEducationActivity', () => {
  it('records a lecture of an open centre', () => {
    given([]).when(lecture()).then(recorded());
  });

  it('records a board renewal without an audience (null, not absent)', () => {
    given([])
      .when(lecture({ kind: 'board_renewal', title: '春季传染病防控', audience: undefined }))
      .then(recorded({ kind: 'board_renewal', title: '春季传染病防控', audience: null }));
  });

  it('records a station lecture: stations hold their own, every two months', () => {
    given([])
      .when(lecture({ unitId: 's1' }), { unit: unit('s1', 'station') })
      .then(recorded({ unitId: 's1' }));
  });

  describe('the unit', () => {
    it('refuses an unknown unit (UNIT_NOT_FOUND)', () => {
      given([]).when(lecture(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a unit closed on the day (UNIT_NOT_OPEN)', () => {
      given([])
        .when(lecture(), { unit: unit('c1', 'community_centre', '2020-01-01', '2024-03-12') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts the day before it closed', () => {
      given([])
        .when(lecture({ occurredAt: '2024-03-11' }), {
          unit: unit('c1', 'community_centre', '2020-01-01', '2024-03-12'),
        })
        .then(recorded({ occurredAt: '2024-03-11' }));
    });
    it('refuses a district: it holds no lecture of its own (UNIT_NOT_SERVICE_UNIT)', () => {
      given([])
        .when(lecture({ unitId: 'hc' }), { unit: unit('hc', 'district') })
        .thenThrows('UNIT_NOT_SERVICE_UNIT');
    });
    it('refuses a team: its lecture is its centre’s', () => {
      given([])
        .when(lecture({ unitId: 't1' }), { unit: unit('t1', 'team') })
        .thenThrows('UNIT_NOT_SERVICE_UNIT');
    });
  });

  describe('not in the future', () => {
    it('refuses the first instant of tomorrow (OCCURRED_IN_FUTURE)', () => {
      given([])
        .when(lecture({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([])
        .when(lecture({ occurredAt: LAST_INSTANT_TODAY }))
        .then(recorded({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  it('refuses a doctor who was not in an open unit that day', () => {
    given([]).when(lecture(), { doctor: undefined }).thenThrows('DOCTOR_NOT_FOUND');
  });

  it('refuses a record id already used this year at the unit (RECORD_ID_TAKEN)', () => {
    given(recorded())
      .when(lecture({ occurredAt: '2024-04-09' }))
      .thenThrows('RECORD_ID_TAKEN');
  });

  it('near miss: another record id is a second lecture', () => {
    given(recorded())
      .when(lecture({ recordId: 'edu-2', occurredAt: '2024-04-09' }))
      .then(recorded({ recordId: 'edu-2', occurredAt: '2024-04-09' }));
  });
});
