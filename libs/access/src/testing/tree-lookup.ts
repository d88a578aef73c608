import { type FactLookup, initialOrgUnitState } from '@libs/records';
import { doctor, unit } from '@libs/records/testing/fixtures';

/** A fixed unit tree for scope specs: district ▸ centre-a ▸ station-a1, and district ▸ centre-b. */
export const TREE: Record<string, string | null> = {
  district: null,
  'centre-a': 'district',
  'station-a1': 'centre-a',
  'centre-b': 'district',
};

/** Units outside TREE are unregistered, as the store would answer for an unknown id. */
export const treeLookup: FactLookup = {
  unit: async (unitId) =>
    unitId in TREE
      ? unit(unitId, 'community_centre', '2020-01-01', undefined, TREE[unitId])
      : initialOrgUnitState(),
  doctor: async (doctorId) => doctor(doctorId),
};
