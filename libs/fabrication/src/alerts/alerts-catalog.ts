import type { Action } from '@libs/records';
import { ALERT_HANDLE_ACTIONS } from './handle-alert/handle-alert.action';
import { listAlert } from './list-alert/list-alert.action';
import { raiseAlert } from './raise-alert/raise-alert.action';

/** Raising and listing are internal (the detection run); handling is public. */
export const ALERT_INTERNAL_ACTIONS: readonly Action[] = [raiseAlert, listAlert];

export const ALERT_ACTIONS: readonly Action[] = [
  ...ALERT_INTERNAL_ACTIONS,
  ...ALERT_HANDLE_ACTIONS,
];

export const ALERT_ACTIONS_BY_TYPE: ReadonlyMap<string, Action> = new Map(
  ALERT_ACTIONS.map((a) => [a.type, a]),
);
