import 'reflect-metadata';
import { specFor, unit } from '@libs/records/testing/fixtures';
import { submitAggregateReport } from './submit-aggregate-report.action';

const given = specFor(submitAggregateReport, { unit: unit('jy') });
const claim = (indicator = 'elderly_health_management', numerator = 70, denominator = 100) => ({
  indicator,
  numerator,
  denominator,
});
const submit = (over: Record<string, unknown> = {}) => ({
  type: 'SubmitAggregateReport',
  unitId: 'jy',
  period: 2024,
  claims: [claim()],
  occurredAt: '2024-06-30',
  ...over,
});
const submitted = (over: Record<string, unknown> = {}) => [
  {
    type: 'AggregateReportSubmitted',
    data: {
      reportId: 'cmd-1',
      unitId: 'jy',
      period: 2024,
      asOfDay: null,
      claims: [claim()],
      occurredAt: '2024-06-30',
      ...over,
    },
  },
];

describe('SubmitAggregateReport', () => {
  it('records what the unit claims, per indicator', () => {
    given([]).when(submit()).then(submitted());
  });

  it('near miss: a later submission for the same year is kept as another report', () => {
    given(submitted())
      .when(submit({ commandId: 'cmd-2', asOfDay: '2024-06-20' }))
      .then(submitted({ reportId: 'cmd-2', asOfDay: '2024-06-20' }));
  });

  it('refuses an unknown unit', () => {
    given([]).when(submit(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
  });

  it('refuses an indicator outside the catalog', () => {
    given([])
      .when(submit({ claims: [claim('made_up_rate')] }))
      .thenThrows('UNKNOWN_INDICATOR');
  });

  it('refuses the same indicator twice', () => {
    given([])
      .when(submit({ claims: [claim(), claim()] }))
      .thenThrows('CLAIM_REPEATED');
  });

  it('refuses a numerator above its denominator', () => {
    given([])
      .when(submit({ claims: [claim('elderly_health_management', 101, 100)] }))
      .thenThrows('CLAIM_NUMERATOR_ABOVE_DENOMINATOR');
  });

  it('near miss: accepts a numerator equal to its denominator', () => {
    given([])
      .when(submit({ claims: [claim('elderly_health_management', 100, 100)] }))
      .then(submitted({ claims: [claim('elderly_health_management', 100, 100)] }));
  });

  it('refuses figures as of a day in the future', () => {
    given([])
      .when(submit({ asOfDay: '2024-07-01' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});
