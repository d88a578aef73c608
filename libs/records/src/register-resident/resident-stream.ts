import type { ResidentState } from '../streams/resident-state';
import { evolveResident, foldResident, initialResidentState } from '../streams/resident-state';

/** Every resident action folds the same stream. */
export const residentStream = {
  evolve: evolveResident,
  initialState: initialResidentState,
  fold: foldResident,
};

/** The unit whose scope covers a resident's records; null while unregistered (the rule says 404). */
export const residentUnit = <R>(_request: R, state: ResidentState): string[] | null =>
  state.unitId ? [state.unitId] : null;
