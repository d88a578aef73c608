import type { EventStore } from '@libs/ledger';
import { type FactLookup, storeFactLookup } from '@libs/records';

/** Commands that change a unit or a doctor, after which remembered facts are dropped. */
export const ORG_TYPES = new Set([
  'RegisterOrgUnit',
  'RenameOrgUnit',
  'MoveOrgUnit',
  'CloseOrgUnit',
  'RegisterDoctor',
]);

/**
 * Unit and doctor facts read from their streams once and remembered: a seed's services name the
 * same few hundred units and doctors a million times. Only registered states are kept, and all
 * are dropped whenever the seed itself changes a unit or doctor.
 */
export function rememberingFacts(store: EventStore): FactLookup & { forget(): void } {
  const read = storeFactLookup(store);
  const units = new Map<string, Awaited<ReturnType<FactLookup['unit']>>>();
  const doctors = new Map<string, Awaited<ReturnType<FactLookup['doctor']>>>();
  return {
    async unit(id) {
      const known = units.get(id);
      if (known) return known;
      const state = await read.unit(id);
      if (state.registered) units.set(id, state);
      return state;
    },
    async doctor(id) {
      const known = doctors.get(id);
      if (known) return known;
      const state = await read.doctor(id);
      if (state.registered) doctors.set(id, state);
      return state;
    },
    // A mother's stream changes with every record: read, never remembered.
    resident: (id) => read.resident!(id),
    forget() {
      units.clear();
      doctors.clear();
    },
  };
}
