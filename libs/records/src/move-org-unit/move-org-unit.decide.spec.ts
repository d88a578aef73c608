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
  unit,
  unitClosed,
  unitMoved,
  unitRegistered,
} from '../testing/fixtures';
import { moveOrgUnit } from './move-org-unit.action';

const given = specFor(moveOrgUnit, { parent: unit('c2', 'community_centre') });
const move = (over: Record<string, unknown> = {}) => ({
  type: 'MoveOrgUnit',
  unitId: 's1',
  parentId: 'c2',
  occurredAt: '2024-03-01',
  ...over,
});
const moved = (over: Record<string, unknown> = {}) => [
  {
    type: 'OrgUnitMoved',
    data: {
      unitId: 's1',
      parentId: 'c2',
      previousParentId: 'c1',
      occurredAt: '2024-03-01',
      ...over,
    },
  },
];
const station = unitRegistered('s1', 'station', 'c1', '2020-01-01');
const unitIdOfRefusal = (code: string, unitId: string) => (e: unknown) => {
  const err = e as { code?: string; details?: { unitId?: string } };
  return err.code === code && err.details?.unitId === unitId;
};

describe('MoveOrgUnit', () => {
  it('moves a station under another open centre from the effective date', () => {
    given([station]).when(move()).then(moved());
  });

  it('near miss: moves a top-level unit, with a null previous parent', () => {
    given([unitRegistered('s1', 'station', null, '2020-01-01')])
      .when(move())
      .then(moved({ previousParentId: null }));
  });

  describe('the unit itself is registered and open on the day', () => {
    it('refuses a unit that was never registered', () => {
      given([]).when(move()).thenThrows(unitIdOfRefusal('UNIT_NOT_FOUND', 's1'));
    });
    it('refuses a move on the day the unit closed', () => {
      given([station, unitClosed('s1', '2024-03-01')])
        .when(move())
        .thenThrows(unitIdOfRefusal('UNIT_NOT_OPEN', 's1'));
    });
    it('refuses a back-dated move of a unit already closed, even effective before the closure', () => {
      given([station, unitClosed('s1', '2024-03-01')])
        .when(move({ occurredAt: '2024-02-29' }))
        .thenThrows('UNIT_CLOSED');
    });
    it('near miss: accepts a move effective the day before a closure that is not yet recorded', () => {
      given([station])
        .when(move({ occurredAt: '2024-02-29' }))
        .then(moved({ occurredAt: '2024-02-29' }));
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([station])
        .when(move({ occurredAt: FIRST_INSTANT_TOMORROW }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today', () => {
      given([station])
        .when(move({ occurredAt: LAST_INSTANT_TODAY }))
        .then(moved({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  describe('a move changes the parent', () => {
    it('refuses the parent the unit already has on the day (PARENT_UNCHANGED)', () => {
      given([station])
        .when(move({ parentId: 'c1' }), { parent: unit('c1') })
        .thenThrows('PARENT_UNCHANGED');
    });
    it('refuses the parent an earlier move already gave it', () => {
      given([station, unitMoved('s1', 'c2', 'c1', '2024-02-01')])
        .when(move())
        .thenThrows('PARENT_UNCHANGED');
    });
    it('near miss: accepts moving back to the original parent', () => {
      given([station, unitMoved('s1', 'c2', 'c1', '2024-02-01')])
        .when(move({ parentId: 'c1' }), { parent: unit('c1') })
        .then([
          {
            type: 'OrgUnitMoved',
            data: {
              unitId: 's1',
              parentId: 'c1',
              previousParentId: 'c2',
              occurredAt: '2024-03-01',
            },
          },
        ]);
    });
  });

  describe('the new parent exists, is open on the day, and sits higher', () => {
    it('refuses a parent that does not exist', () => {
      given([station])
        .when(move(), { parent: undefined })
        .thenThrows(unitIdOfRefusal('UNIT_NOT_FOUND', 'c2'));
    });
    it('refuses a parent closed on the day', () => {
      given([station])
        .when(move(), { parent: unit('c2', 'community_centre', '2020-01-01', '2024-03-01') })
        .thenThrows(unitIdOfRefusal('UNIT_NOT_OPEN', 'c2'));
    });
    it('near miss: accepts a parent that opens that very day', () => {
      given([station])
        .when(move(), { parent: unit('c2', 'community_centre', '2024-03-01') })
        .then(moved());
    });
    it('refuses a station under a team (PARENT_KIND_MISMATCH)', () => {
      given([station])
        .when(move({ parentId: 't1' }), { parent: unit('t1', 'team') })
        .thenThrows('PARENT_KIND_MISMATCH');
    });
    it('refuses a centre under a centre: same rank, so no cycle can form', () => {
      given([unitRegistered('s1', 'community_centre', 'st1', '2020-01-01')])
        .when(move())
        .thenThrows('PARENT_KIND_MISMATCH');
    });
    it('near miss: accepts a centre under a street', () => {
      given([unitRegistered('s1', 'community_centre', 'st1', '2020-01-01')])
        .when(move({ parentId: 'st2' }), { parent: unit('st2', 'street') })
        .then([
          {
            type: 'OrgUnitMoved',
            data: {
              unitId: 's1',
              parentId: 'st2',
              previousParentId: 'st1',
              occurredAt: '2024-03-01',
            },
          },
        ]);
    });
  });

  it('effective dating: before the move the unit is still under its old parent (evolve)', () => {
    const state = [station, ...(moved() as OrgUnitEvent[])].reduce(
      evolveOrgUnit,
      initialOrgUnitState(),
    );
    expect(unitOn(state, '2024-02-29')?.parentId).toBe('c1');
    expect(unitOn(state, '2024-03-01')?.parentId).toBe('c2');
  });
});
