import type { LedgerModel } from '@libs/indicators';
import type { Clock, EventStore } from '@libs/ledger';
import type { Action, StreamStateCache } from '@libs/records';
import { drawSample } from './draw-sample/draw-sample.action';
import { grantLockException } from './grant-lock-exception/grant-lock-exception.action';
import { recordVerificationVisit } from './record-verification-visit/record-verification-visit.action';
import { submitAggregateReport } from './submit-aggregate-report/submit-aggregate-report.action';

/** What the audit actions read besides their own stream: the store, ledger time, the indicator model. */
export interface AuditPorts {
  store: EventStore;
  clock: Clock;
  /** The indicator model, current up to now; a full rebuild from the store by default. */
  model?: () => Promise<LedgerModel>;
  /** Folded unit states shared with the command handler, so the lock's ancestry costs no reads. */
  states?: StreamStateCache;
}

/**
 * The audit library's own actions; DrawSample reads its population through the ports. The
 * whole catalog (with funds and alert handling, which sit above audit) is composed in
 * @libs/commands.
 */
export function auditActions(ports: AuditPorts): Action[] {
  return [grantLockException, submitAggregateReport, drawSample(ports), recordVerificationVisit];
}
