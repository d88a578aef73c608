import { evolveUnitActivity, initialUnitActivityState } from '../streams/unit-activity-events';
import { streamIds } from '../streams/stream-ids';
import { chinaDay } from './dates';

/** Every unit-activity action folds the same stream. */
export const unitActivityStream = {
  evolve: evolveUnitActivity,
  initialState: initialUnitActivityState,
};

/** The unit's activity stream of the (China) year the record happened in. */
export const activityStreamOf = (r: { unitId: string; occurredAt: string }): string =>
  streamIds.activities(r.unitId, Number(chinaDay(r.occurredAt).slice(0, 4)));
