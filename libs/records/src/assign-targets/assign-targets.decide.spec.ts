import 'reflect-metadata';
import { FIRST_INSTANT_TOMORROW, LAST_INSTANT_TODAY, specFor, unit } from '../testing/fixtures';
import { assignTargets } from './assign-targets.action';

const given = specFor(assignTargets, { unit: unit('u1') });
const sheet = [
  { indicator: 'population', count: 12000 },
  { indicator: 'elderly_health_management', count: 900 },
];
const assign = (over: Record<string, unknown> = {}) => ({
  type: 'AssignTargets',
  unitId: 'u1',
  year: 2024,
  targets: sheet,
  occurredAt: '2024-01-15',
  ...over,
});
const assigned = (over: Record<string, unknown> = {}) => [
  {
    type: 'TargetsAssigned',
    data: {
      unitId: 'u1',
      year: 2024,
      targets: { population: 12000, elderly_health_management: 900 },
      occurredAt: '2024-01-15',
      ...over,
    },
  },
];
const earlier = (targets: Record<string, number>) => ({
  type: 'TargetsAssigned',
  data: { unitId: 'u1', year: 2024, targets, occurredAt: '2024-01-02' },
});

describe('AssignTargets', () => {
  it('assigns a unit its task counts for a year', () => {
    given([]).when(assign()).then(assigned());
  });

  describe('a sheet names each indicator once', () => {
    it('refuses an indicator given twice (TARGET_REPEATED)', () => {
      given([])
        .when(assign({ targets: [...sheet, { indicator: 'population', count: 11000 }] }))
        .thenThrows('TARGET_REPEATED');
    });
    it('near miss: accepts distinct indicators with equal counts', () => {
      given([])
        .when(
          assign({
            targets: [
              { indicator: 'hypertension_target', count: 500 },
              { indicator: 'diabetes_target', count: 500 },
            ],
          }),
        )
        .then(assigned({ targets: { hypertension_target: 500, diabetes_target: 500 } }));
    });
  });

  describe('a later sheet replaces the earlier one', () => {
    it('an identical re-assignment produces nothing', () => {
      given([earlier({ population: 12000, elderly_health_management: 900 })])
        .when(assign())
        .thenNothingHappens();
    });
    it('near miss: one changed count is a new assignment of the whole sheet', () => {
      given([earlier({ population: 12000, elderly_health_management: 850 })])
        .when(assign())
        .then(assigned());
    });
    it('near miss: dropping an indicator is a new assignment', () => {
      given([earlier({ population: 12000, elderly_health_management: 900, signing: 4000 })])
        .when(assign())
        .then(assigned());
    });
  });

  describe('the unit exists and is open at some point in the year', () => {
    it('refuses an unknown unit', () => {
      given([]).when(assign(), { unit: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a unit closed on or before 1 January of the year', () => {
      given([])
        .when(assign(), { unit: unit('u1', 'community_centre', '2020-01-01', '2024-01-01') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts a unit closing on 2 January, open on the first day of the year', () => {
      given([])
        .when(assign(), { unit: unit('u1', 'community_centre', '2020-01-01', '2024-01-02') })
        .then(assigned());
    });
    it('near miss: accepts targets for a unit closed earlier in the year they are set', () => {
      given([])
        .when(assign({ occurredAt: '2024-06-01' }), {
          unit: unit('u1', 'community_centre', '2020-01-01', '2024-05-01'),
        })
        .then(assigned({ occurredAt: '2024-06-01' }));
    });
    it('near miss: accepts targets set before the year, for the next one', () => {
      given([])
        .when(assign({ year: 2025, occurredAt: '2024-06-01' }))
        .then(assigned({ year: 2025, occurredAt: '2024-06-01' }));
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([])
        .when(assign({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([])
        .when(assign({ occurredAt: LAST_INSTANT_TODAY }))
        .then(assigned({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });
});
