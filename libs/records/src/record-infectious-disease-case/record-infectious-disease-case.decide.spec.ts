import { specFor, unit } from '../testing/fixtures';
import { centreWithDoctor } from '../testing/unit-activity-fixtures';
import { recordInfectiousDiseaseCase } from './record-infectious-disease-case.action';

const given = specFor(recordInfectiousDiseaseCase, centreWithDoctor());
// Found at 09:30 China time on 3 June 2024.
const FOUND = '2024-06-03T01:30:00Z';
const found = (over: Record<string, unknown> = {}) => ({
  type: 'RecordInfectiousDiseaseCase',
  unitId: 'c1',
  recordId: 'idr-1',
  doctorId: 'd1',
  disease: '手足口病',
  diseaseClass: 'C',
  occurredAt: FOUND,
  reportedAt: '2024-06-03T06:00:00Z',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}) => [
  {
    type: 'InfectiousDiseaseCaseRecorded',
    data: {
      unitId: 'c1',
      recordId: 'idr-1',
      disease: '手足口病',
      diseaseClass: 'C',
      managedAsClassA: false,
      reportedAt: '2024-06-03T06:00:00Z',
      doctorId: 'd1',
      occurredAt: FOUND,
      ...over,
    },
  },
];

describe('RecordInfectiousDiseaseCase', () => {
  it('records a case found and reported the same morning', () => {
    given([]).when(found()).then(recorded());
  });

  it('records a case found and not reported (reportedAt null): it lowers the reporting rate', () => {
    given([])
      .when(found({ reportedAt: undefined }))
      .then(recorded({ reportedAt: null }));
  });

  it('records a report 25 hours after a class B case: late, which the read side judges', () => {
    given([])
      .when(found({ diseaseClass: 'B', disease: '乙肝', reportedAt: '2024-06-04T02:30:00Z' }))
      .then(recorded({ diseaseClass: 'B', disease: '乙肝', reportedAt: '2024-06-04T02:30:00Z' }));
  });

  describe('the report comes after the case was found', () => {
    it('refuses a report a minute before it (IDR_REPORTED_BEFORE_FOUND)', () => {
      given([])
        .when(found({ reportedAt: '2024-06-03T01:29:00Z' }))
        .thenThrows('IDR_REPORTED_BEFORE_FOUND');
    });
    it('near miss: accepts a report at the very minute it was found', () => {
      given([])
        .when(found({ reportedAt: FOUND }))
        .then(recorded({ reportedAt: FOUND }));
    });
    it('keeps a migrated record whose report comes first (not counted: reportCounts)', () => {
      given([])
        .when(found({ reportedAt: '2024-06-03T01:29:00Z', migrated: true }))
        .then(recorded({ reportedAt: '2024-06-03T01:29:00Z' }));
    });
  });

  it('refuses a report dated tomorrow (IDR_REPORTED_IN_FUTURE)', () => {
    given([])
      .when(found({ reportedAt: '2024-06-30T16:00:00Z' }))
      .thenThrows('IDR_REPORTED_IN_FUTURE');
  });

  it('near miss: accepts a report at the last instant of today', () => {
    given([])
      .when(found({ reportedAt: '2024-06-30T15:59:59Z' }))
      .then(recorded({ reportedAt: '2024-06-30T15:59:59Z' }));
  });

  it('refuses a case found tomorrow (OCCURRED_IN_FUTURE)', () => {
    given([])
      .when(found({ occurredAt: '2024-06-30T16:00:00Z', reportedAt: undefined }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });

  it('refuses a case at a closed unit and at an unknown one', () => {
    given([])
      .when(found(), { unit: unit('c1', 'community_centre', '2020-01-01', '2024-06-01') })
      .thenThrows('UNIT_NOT_OPEN');
    given([]).when(found(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });

  it('refuses a record id already used at the unit this year', () => {
    given(recorded()).when(found()).thenThrows('RECORD_ID_TAKEN');
  });
});
