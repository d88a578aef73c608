import {
  FIRST_INSTANT_TOMORROW,
  LAST_INSTANT_TODAY,
  specFor,
  unit,
  unitRegistered,
} from '../testing/fixtures';
import { registerOrgUnit } from './register-org-unit.action';

const given = specFor(registerOrgUnit);
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterOrgUnit',
  unitId: 'team-1',
  name: '第一家庭医生团队',
  kind: 'team',
  parentId: 'u1',
  occurredAt: '2024-03-01',
  ...over,
});
const registered = (over: Record<string, unknown> = {}) => [
  {
    type: 'OrgUnitRegistered',
    data: {
      unitId: 'team-1',
      name: '第一家庭医生团队',
      kind: 'team',
      parentId: 'u1',
      occurredAt: '2024-03-01',
      ...over,
    },
  },
];
const centre = { parent: unit('u1', 'community_centre') };

describe('RegisterOrgUnit', () => {
  it('registers a team under an open centre', () => {
    given([]).when(register(), centre).then(registered());
  });

  it('near miss: registers the top of the tree without a parent', () => {
    given([])
      .when(register({ unitId: 'p1', name: '某省', kind: 'province', parentId: undefined }))
      .then([
        {
          type: 'OrgUnitRegistered',
          data: {
            unitId: 'p1',
            name: '某省',
            kind: 'province',
            parentId: null,
            occurredAt: '2024-03-01',
          },
        },
      ]);
  });

  describe('a unit is registered once', () => {
    it('refuses a unit id already registered', () => {
      given([unitRegistered('team-1', 'team', 'u1')])
        .when(register(), centre)
        .thenThrows('UNIT_ALREADY_REGISTERED');
    });
    it('refuses it even when the earlier unit was closed since', () => {
      given([
        unitRegistered('team-1', 'team', 'u1'),
        { type: 'OrgUnitClosed', data: { unitId: 'team-1', occurredAt: '2023-01-01' } },
      ])
        .when(register(), centre)
        .thenThrows('UNIT_ALREADY_REGISTERED');
    });
  });

  describe('occurredAt not in the future', () => {
    it('refuses the first instant of tomorrow (China time)', () => {
      given([])
        .when(register({ occurredAt: FIRST_INSTANT_TOMORROW }), centre)
        .thenThrows('OCCURRED_IN_FUTURE');
    });
    it('near miss: accepts the last instant of today (China time)', () => {
      given([])
        .when(register({ occurredAt: LAST_INSTANT_TODAY }), centre)
        .then(registered({ occurredAt: LAST_INSTANT_TODAY }));
    });
  });

  describe('the parent exists, is open on the day, and sits higher in the tree', () => {
    it('refuses a parent that does not exist', () => {
      given([]).when(register(), { parent: undefined }).thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a parent id whose stream is empty', () => {
      given([])
        .when(register(), {
          parent: {
            registered: false,
            unitId: '',
            kind: null,
            openedOn: '',
            versions: [],
            closedOn: null,
          },
        })
        .thenThrows('UNIT_NOT_FOUND');
    });
    it('refuses a parent closed on the day', () => {
      given([])
        .when(register(), { parent: unit('u1', 'community_centre', '2020-01-01', '2024-03-01') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts the day before the parent closes', () => {
      given([])
        .when(register({ occurredAt: '2024-02-29' }), {
          parent: unit('u1', 'community_centre', '2020-01-01', '2024-03-01'),
        })
        .then(registered({ occurredAt: '2024-02-29' }));
    });
    it('refuses a parent not yet opened on the day', () => {
      given([])
        .when(register(), { parent: unit('u1', 'community_centre', '2024-03-02') })
        .thenThrows('UNIT_NOT_OPEN');
    });
    it('near miss: accepts the day the parent opens', () => {
      given([])
        .when(register(), { parent: unit('u1', 'community_centre', '2024-03-01') })
        .then(registered());
    });
    it('refuses a centre under a team (PARENT_KIND_MISMATCH)', () => {
      given([])
        .when(register({ unitId: 'c2', kind: 'community_centre', parentId: 't9' }), {
          parent: unit('t9', 'team'),
        })
        .thenThrows('PARENT_KIND_MISMATCH');
    });
    it('refuses a parent of the same rank (a station under a village clinic)', () => {
      given([])
        .when(register({ unitId: 's2', kind: 'station', parentId: 'v1' }), {
          parent: unit('v1', 'village_clinic'),
        })
        .thenThrows('PARENT_KIND_MISMATCH');
    });
    it('near miss: accepts a station under a township centre', () => {
      given([])
        .when(register({ unitId: 's2', name: '某站', kind: 'station', parentId: 'tc1' }), {
          parent: unit('tc1', 'township_centre'),
        })
        .then([
          {
            type: 'OrgUnitRegistered',
            data: {
              unitId: 's2',
              name: '某站',
              kind: 'station',
              parentId: 'tc1',
              occurredAt: '2024-03-01',
            },
          },
        ]);
    });
  });
});
