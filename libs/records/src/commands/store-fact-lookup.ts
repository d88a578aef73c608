import { type EventStore, foldEvents } from '@libs/ledger';
import { type DoctorEvent, evolveDoctor, initialDoctorState } from '../streams/doctor-events';
import { type OrgUnitEvent, evolveOrgUnit, initialOrgUnitState } from '../streams/org-unit-events';
import { streamIds } from '../streams/stream-ids';
import type { FactLookup } from './facts';

/** Facts read straight from their streams: always current, never from a lagging projection. */
export function storeFactLookup(store: EventStore): FactLookup {
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
  };
}
