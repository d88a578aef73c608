import { type EventStore, foldEvents } from '@libs/ledger';
import {
  type DoctorEvent,
  type DoctorState,
  evolveDoctor,
  initialDoctorState,
} from '../streams/doctor-events';
import {
  type OrgUnitEvent,
  type OrgUnitState,
  evolveOrgUnit,
  initialOrgUnitState,
} from '../streams/org-unit-events';
import type { ResidentEvent } from '../streams/resident-events';
import {
  type ResidentState,
  evolveResident,
  foldResident,
  initialResidentState,
} from '../streams/resident-state';
import type { Evolver, StreamStateCache } from './stream-state-cache';
import { streamIds } from '../streams/stream-ids';
import type { FactLookup } from './facts';

/**
 * Facts read straight from their streams: always current, never from a lagging projection. With
 * a state cache, a unit or doctor is folded once per run and re-checked against its stream's tip.
 */
export function storeFactLookup(store: EventStore, states?: StreamStateCache): FactLookup {
  if (states) {
    return {
      unit: async (unitId) =>
        (await states.load(store, streamIds.orgUnit(unitId), orgUnitEvolver)).state as OrgUnitState,
      doctor: async (doctorId) =>
        (await states.load(store, streamIds.doctor(doctorId), doctorEvolver)).state as DoctorState,
      resident: async (residentId) =>
        (await states.load(store, streamIds.resident(residentId), residentEvolver))
          .state as ResidentState,
    };
  }
  return {
    async unit(unitId) {
      const events = await store.readStream(streamIds.orgUnit(unitId));
      return foldEvents(
        { evolve: evolveOrgUnit, initialState: initialOrgUnitState },
        events as unknown as OrgUnitEvent[],
      );
    },
    async doctor(doctorId) {
      const events = await store.readStream(streamIds.doctor(doctorId));
      return foldEvents(
        { evolve: evolveDoctor, initialState: initialDoctorState },
        events as unknown as DoctorEvent[],
      );
    },
    async resident(residentId) {
      const events = await store.readStream(streamIds.resident(residentId));
      return foldResident(initialResidentState(), events as unknown as ResidentEvent[]);
    },
  };
}

const orgUnitEvolver = { evolve: evolveOrgUnit, initialState: initialOrgUnitState } as Evolver;
const doctorEvolver = { evolve: evolveDoctor, initialState: initialDoctorState } as Evolver;
const residentEvolver = {
  evolve: evolveResident,
  initialState: initialResidentState,
  fold: foldResident,
} as Evolver;
