import type { Action } from '@libs/records';
import { allocateFunds } from './allocate-funds/allocate-funds.action';
import { disburseFunds } from './disburse-funds/disburse-funds.action';
import type { FundsPorts } from './funds-facts';
import { recoverFunds } from './recover-funds/recover-funds.action';
import { settleFunds } from './settle-funds/settle-funds.action';

/** The fund commands; disbursement and settlement read seals and other units' flows through the store. */
export function fundsActions(ports: FundsPorts): Action[] {
  return [allocateFunds, disburseFunds(ports), settleFunds(ports), recoverFunds];
}
