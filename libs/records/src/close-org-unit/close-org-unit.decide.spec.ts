import {
  evolveOrgUnit,
  initialOrgUnitState,
  unitOn,
  type OrgUnitEvent,
} from '../streams/org-unit-events';
import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  specFor,
  unitClosed,
  unitRegistered,
} from '../testing/fixtures';
import { closeOrgUnit } from './close-org-unit.action';

const given = specFor(closeOrgUnit);
const close = (over: Record<string, unknown> = {}) => ({
  type: 'CloseOrgUnit',
  unitId: 'u1',
  occurredAt: '2024-03-01',
  ...over,
});
const closed = (over: Record<string, unknown> = {}) => [
  { type: 'OrgUnitClosed', data: { unitId: 'u1', occurredAt: '2024-03-01', ...over } },
];
const opened = unitRegistered('u1', 'community_centre', null, '2020-01-01');

describe('CloseOrgUnit', () => {
  it('closes an open unit from the effective date', () => {
    given([opened]).when(close()).then(closed());
  });

  it('refuses a unit that was never registered', () => {
    given([]).when(close()).thenThrows('UNIT_NOT_FOUND');
  });

  describe('a closed unit cannot be closed again', () => {
    it('refuses a close dated on the day it closed', () => {
      given([opened, unitClosed('u1', '2024-03-01')])
        .when(close())
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('refuses a close dated after it closed', () => {
      given([opened, unitClosed('u1', '2024-03-01')])
        .when(close({ occurredAt: '2024-06-01' }))
        .thenThrows('UNIT_NOT_OPEN');
    });
  });

  describe('the unit is open on the day', () => {
    it('refuses a close dated before the unit opened', () => {
      given([opened])
        .when(close({ occurredAt: '2019-12-31' }))
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts a close on the opening day', () => {
      given([opened])
        .when(close({ occurredAt: '2020-01-01' }))
        .then(closed({ occurredAt: '2020-01-01' }));
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([opened])
        .when(close({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([opened])
        .when(close({ occurredAt: LAST_INSTANT_TODAY }))
        .then(closed({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  it('closing keeps the history: the unit is still seen the day before (evolve)', () => {
    const state = [opened, ...(closed() as OrgUnitEvent[])].reduce(
      evolveOrgUnit,
      initialOrgUnitState(),
    );
    expect(unitOn(state, '2024-02-29')?.name).toBe('u1');
    expect(unitOn(state, '2024-03-01')).toBeUndefined();
  });
});
