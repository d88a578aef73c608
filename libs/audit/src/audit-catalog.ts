import type { LedgerModel } from '@libs/indicators';
import type { Clock, EventStore } from '@libs/ledger';
import { ACTIONS, type Action, type ExecuteContext, type StreamStateCache } from '@libs/records';
import { drawSample } from './draw-sample/draw-sample.action';
import { grantLockException } from './grant-lock-exception/grant-lock-exception.action';
import { lockGuard } from './locks/lock-guard';
// The fund actions' own module, not @libs/funds' index (which would pull in the trace's reads).
import { fundsActions } from '@libs/funds/funds-actions';
import { recordVerificationVisit } from './record-verification-visit/record-verification-visit.action';
import { submitAggregateReport } from './submit-aggregate-report/submit-aggregate-report.action';
// Only the alert actions (which import @libs/records alone), never @libs/fabrication's index.
import { ALERT_HANDLE_ACTIONS } from '@libs/fabrication/alerts/handle-alert/handle-alert.action';

/** What the audit actions read besides their own stream: the store, ledger time, the indicator model. */
export interface AuditPorts {
  store: EventStore;
  clock: Clock;
  /** The indicator model, current up to now; a full rebuild from the store by default. */
  model?: () => Promise<LedgerModel>;
  /** Folded unit states shared with the command handler, so the lock's ancestry costs no reads. */
  states?: StreamStateCache;
}

/** The audit actions; DrawSample reads its population through the ports. */
export function auditActions(ports: AuditPorts): Action[] {
  return [
    grantLockException,
    submitAggregateReport,
    drawSample(ports),
    recordVerificationVisit,
    ...ALERT_HANDLE_ACTIONS,
    ...fundsActions(ports),
  ];
}

/** Records actions and audit actions, by type: what HTTP and import accept. */
export function ledgerCatalog(ports: AuditPorts): ReadonlyMap<string, Action> {
  return new Map([...ACTIONS, ...auditActions(ports)].map((a) => [a.type, a]));
}

/** The catalog and the period-lock guard for executeCommand: one line at each entry point. */
export function ledgerCommandContext(ports: AuditPorts): Pick<ExecuteContext, 'catalog' | 'guard'> {
  return { catalog: ledgerCatalog(ports), guard: lockGuard(ports.store, ports.states) };
}

/**
 * Every command a sender may submit (HTTP body or import line), for the docs and the OpenAPI
 * schema. Only types, summaries and request classes are read, so no ports are needed.
 */
export function publicActions(): Action[] {
  const unused = { store: undefined as never, clock: () => new Date() };
  return [...ACTIONS, ...auditActions(unused)];
}
