import { chinaDay } from '../rules/dates';
import type { UnitKind } from './vocabulary';

/** Effective-dated: occurredAt is the day the change takes effect, so replays use the tree as it was. */
export type OrgUnitEvent =
  | {
      type: 'OrgUnitRegistered';
      data: {
        unitId: string;
        name: string;
        kind: UnitKind;
        parentId: string | null;
        occurredAt: string;
      };
    }
  | {
      type: 'OrgUnitRenamed';
      data: { unitId: string; name: string; previousName: string; occurredAt: string };
    }
  | {
      type: 'OrgUnitMoved';
      data: {
        unitId: string;
        parentId: string;
        previousParentId: string | null;
        occurredAt: string;
      };
    }
  | { type: 'OrgUnitClosed'; data: { unitId: string; occurredAt: string } };

export interface UnitVersion {
  from: string;
  name: string;
  parentId: string | null;
}

export interface OrgUnitState {
  registered: boolean;
  unitId: string;
  kind: UnitKind | null;
  openedOn: string;
  /** Name and parent over time, oldest first. */
  versions: UnitVersion[];
  closedOn: string | null;
}

export const initialOrgUnitState = (): OrgUnitState => ({
  registered: false,
  unitId: '',
  kind: null,
  openedOn: '',
  versions: [],
  closedOn: null,
});

const day = chinaDay;

export function evolveOrgUnit(state: OrgUnitState, event: OrgUnitEvent): OrgUnitState {
  const current = state.versions[state.versions.length - 1];
  switch (event.type) {
    case 'OrgUnitRegistered': {
      const d = event.data;
      const from = day(d.occurredAt);
      return {
        registered: true,
        unitId: d.unitId,
        kind: d.kind,
        openedOn: from,
        versions: [{ from, name: d.name, parentId: d.parentId }],
        closedOn: null,
      };
    }
    case 'OrgUnitRenamed':
      return {
        ...state,
        versions: [
          ...state.versions,
          { ...current, from: day(event.data.occurredAt), name: event.data.name },
        ],
      };
    case 'OrgUnitMoved':
      return {
        ...state,
        versions: [
          ...state.versions,
          { ...current, from: day(event.data.occurredAt), parentId: event.data.parentId },
        ],
      };
    case 'OrgUnitClosed':
      return { ...state, closedOn: day(event.data.occurredAt) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The unit's name and parent on a day, or undefined when it did not exist or was closed. */
export function unitOn(state: OrgUnitState, onDay: string): UnitVersion | undefined {
  if (
    !state.registered ||
    onDay < state.openedOn ||
    (state.closedOn !== null && onDay >= state.closedOn)
  )
    return undefined;
  return [...state.versions].reverse().find((v) => v.from <= onDay);
}
