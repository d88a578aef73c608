import { evolveResident, initialResidentState } from '../streams/resident-state';

/** Every resident action folds the same stream. */
export const residentStream = { evolve: evolveResident, initialState: initialResidentState };
