import type { ResidentState } from '../streams/resident-state';
import { assertNotBeforeBirth, assertNotInFuture, chinaDay } from './dates';
import { refuse } from './rule-error';

export function assertResidentRegistered(state: ResidentState, residentId: string): void {
  if (!state.registered) {
    refuse(
      'RESIDENT_NOT_FOUND',
      'not_found',
      `居民 ${residentId} 未登记`,
      `resident ${residentId} is not registered`,
      { residentId },
    );
  }
}

/**
 * A service (or any record) for a resident: registered, dated between birth and today, and not
 * after the resident died or moved away. Services on the day itself are still accepted.
 */
export function assertServiceAllowed(
  state: ResidentState,
  residentId: string,
  occurredAt: string,
  now: string,
): void {
  assertResidentRegistered(state, residentId);
  assertNotInFuture(occurredAt, now);
  assertNotBeforeBirth(occurredAt, state.birthDate);
  const day = chinaDay(occurredAt);
  if (state.diedOn !== null && day > state.diedOn) {
    refuse(
      'SERVICE_AFTER_DEATH',
      'unprocessable',
      `服务日期 ${day} 晚于居民死亡日期 ${state.diedOn}`,
      `service dated ${day} is after the resident died on ${state.diedOn}`,
      {
        occurredAt,
        diedOn: state.diedOn,
      },
    );
  }
  if (state.movedOutOn !== null && day > state.movedOutOn) {
    refuse(
      'SERVICE_AFTER_MOVE_OUT',
      'unprocessable',
      `服务日期 ${day} 晚于居民迁出日期 ${state.movedOutOn}`,
      `service dated ${day} is after the resident moved out on ${state.movedOutOn}`,
      {
        occurredAt,
        movedOutOn: state.movedOutOn,
      },
    );
  }
}
