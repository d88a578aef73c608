import { evolveOrgUnit, initialOrgUnitState } from '../streams/org-unit-events';

/** Every org-unit action folds the same stream. */
export const orgUnitStream = { evolve: evolveOrgUnit, initialState: initialOrgUnitState };
