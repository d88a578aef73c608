import { FIRST_INSTANT_TOMORROW, specFor, unit } from '../testing/fixtures';
import { centreWithDoctor } from '../testing/unit-activity-fixtures';
import { recordHealthSupervisionReport } from './record-health-supervision-report.action';

const given = specFor(recordHealthSupervisionReport, centreWithDoctor());
const report = (over: Record<string, unknown> = {}) => ({
  type: 'RecordHealthSupervisionReport',
  unitId: 'c1',
  recordId: 'hsa-1',
  doctorId: 'd1',
  kind: 'water_safety',
  occurredAt: '2024-05-20',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'HealthSupervisionReportRecorded',
    data: {
      unitId: 'c1',
      recordId: 'hsa-1',
      kind: 'water_safety',
      doctorId: 'd1',
      occurredAt: '2024-05-20',
      ...over,
    },
  },
];

describe('RecordHealthSupervisionReport', () => {
  it('records a water safety report of an open centre', () => {
    given([]).when(report()).then(recorded());
  });

  it('records a report of illegal practice at a village clinic', () => {
    given([])
      .when(report({ unitId: 'v1', kind: 'illegal_practice' }), {
        unit: unit('v1', 'village_clinic'),
      })
      .then(recorded({ unitId: 'v1', kind: 'illegal_practice' }));
  });

  it('refuses a report dated tomorrow (OCCURRED_IN_FUTURE)', () => {
    given([])
      .when(report({ occurredAt: FIRST_INSTANT_TOMORROW }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });

  it('refuses an unknown unit', () => {
    given([]).when(report(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });

  it('refuses a closed unit, and near miss: accepts the day before it closed', () => {
    const closing = { unit: unit('c1', 'community_centre', '2020-01-01', '2024-05-20') };
    given([]).when(report(), closing).thenThrows('UNIT_NOT_OPEN');
    given([])
      .when(report({ occurredAt: '2024-05-19' }), closing)
      .then(recorded({ occurredAt: '2024-05-19' }));
  });

  it('refuses a street office: it is no service unit', () => {
    given([])
      .when(report({ unitId: 'st1' }), { unit: unit('st1', 'street') })
      .thenThrows('UNIT_NOT_SERVICE_UNIT');
  });
});
