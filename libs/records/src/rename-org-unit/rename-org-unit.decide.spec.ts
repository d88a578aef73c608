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
  unitRenamed,
} from '../testing/fixtures';
import { decideRenameOrgUnit, renameOrgUnit } from './rename-org-unit.action';

const given = specFor(renameOrgUnit);
const rename = (over: Record<string, unknown> = {}) => ({
  type: 'RenameOrgUnit',
  unitId: 'u1',
  name: '新名',
  occurredAt: '2024-03-01',
  ...over,
});
const renamed = (over: Record<string, unknown> = {}) => [
  {
    type: 'OrgUnitRenamed',
    data: { unitId: 'u1', name: '新名', previousName: '旧名', occurredAt: '2024-03-01', ...over },
  },
];
const opened = unitRegistered('u1', 'community_centre', null, '2020-01-01', '旧名');

describe('RenameOrgUnit', () => {
  it('renames an open unit from the effective date, keeping the previous name', () => {
    given([opened]).when(rename()).then(renamed());
  });

  it('refuses a unit that was never registered', () => {
    given([]).when(rename()).thenThrows('UNIT_NOT_FOUND');
  });

  describe('the unit is open on the effective date', () => {
    it('refuses a rename on the day the unit closed', () => {
      given([opened, unitClosed('u1', '2024-03-01')])
        .when(rename())
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('refuses a back-dated rename of a unit already closed, even effective before the closure', () => {
      given([opened, unitClosed('u1', '2024-03-01')])
        .when(rename({ occurredAt: '2024-02-29' }))
        .thenThrows('UNIT_CLOSED');
    });
    it('near miss: accepts a rename effective the day before a closure that is not yet recorded', () => {
      given([opened])
        .when(rename({ occurredAt: '2024-02-29' }))
        .then(renamed({ occurredAt: '2024-02-29' }));
    });
    it('refuses a rename dated before the unit opened', () => {
      given([opened])
        .when(rename({ occurredAt: '2019-12-31' }))
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts a rename on the opening day', () => {
      given([opened])
        .when(rename({ occurredAt: '2020-01-01' }))
        .then(renamed({ occurredAt: '2020-01-01' }));
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([opened])
        .when(rename({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([opened])
        .when(rename({ occurredAt: LAST_INSTANT_TODAY }))
        .then(renamed({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  describe('a rename changes the name', () => {
    it('refuses the name the unit already has on the day (NAME_UNCHANGED)', () => {
      given([opened])
        .when(rename({ name: '旧名' }))
        .thenThrows('NAME_UNCHANGED');
    });
    it('refuses the name a later rename already gave it', () => {
      given([opened, unitRenamed('u1', '新名', '旧名', '2024-02-01')])
        .when(rename())
        .thenThrows('NAME_UNCHANGED');
    });
    it('near miss: accepts going back to the old name, with the current name as previousName', () => {
      given([opened, unitRenamed('u1', '新名', '旧名', '2024-02-01')])
        .when(rename({ name: '旧名' }))
        .then([
          {
            type: 'OrgUnitRenamed',
            data: { unitId: 'u1', name: '旧名', previousName: '新名', occurredAt: '2024-03-01' },
          },
        ]);
    });
  });

  describe('effective dating (evolve)', () => {
    const fold = (events: OrgUnitEvent[]) => events.reduce(evolveOrgUnit, initialOrgUnitState());

    it('a replay before the effective date still sees the old name, from it the new one', () => {
      const state = fold([opened]);
      const events = decideRenameOrgUnit(
        { ...rename(), now: '2024-06-30T04:00:00.000Z', facts: {}, commandId: 'cmd-1' } as never,
        state,
      );
      const after = fold([opened, ...events]);
      expect(unitOn(after, '2024-02-29')?.name).toBe('旧名');
      expect(unitOn(after, '2024-03-01')?.name).toBe('新名');
      expect(unitOn(after, '2024-06-30')?.name).toBe('新名');
    });
    it('a closed unit has no name from its closing day, but keeps its history before', () => {
      const state = fold([
        opened,
        unitRenamed('u1', '新名', '旧名', '2024-03-01'),
        unitClosed('u1', '2024-05-01'),
      ]);
      expect(unitOn(state, '2024-04-30')?.name).toBe('新名');
      expect(unitOn(state, '2024-05-01')).toBeUndefined();
      expect(unitOn(state, '2019-12-31')).toBeUndefined();
    });
  });
});
