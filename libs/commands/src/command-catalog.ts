import { type AuditPorts, auditActions, lockGuard } from '@libs/audit';
import { ALERT_HANDLE_ACTIONS } from '@libs/fabrication/alerts/handle-alert/handle-alert.action';
// The fund actions' own module, not @libs/funds' index (which would pull in the trace's reads).
import { fundsActions } from '@libs/funds/funds-actions';
import type { FundsPorts } from '@libs/funds/funds-facts';
import { ACTIONS, type Action, type ExecuteContext } from '@libs/records';

/** What the actions read besides their own stream: the store, ledger time, the indicator model, the funds read model. */
export type CommandPorts = AuditPorts & Pick<FundsPorts, 'fundBook'>;

/**
 * Every command of every library, composed once, above all of them: records, audit, alert
 * handling and funds. No library composes the others' actions (audit did, and so reached up
 * into funds and fabrication).
 */
export function allActions(ports: CommandPorts): Action[] {
  return [...ACTIONS, ...auditActions(ports), ...ALERT_HANDLE_ACTIONS, ...fundsActions(ports)];
}

/** Every action by type: what HTTP and import accept. */
export function ledgerCatalog(ports: CommandPorts): ReadonlyMap<string, Action> {
  return new Map(allActions(ports).map((a) => [a.type, a]));
}

/** The catalog and the period-lock guard for executeCommand: one line at each entry point. */
export function ledgerCommandContext(
  ports: CommandPorts,
): Pick<ExecuteContext, 'catalog' | 'guard'> {
  return { catalog: ledgerCatalog(ports), guard: lockGuard(ports.store, ports.states) };
}

/**
 * Every command a sender may submit (HTTP body or import line), for the docs, the OpenAPI
 * schema and validation off the main thread. Only types, summaries and request classes are
 * read, so no ports are needed.
 */
export function publicActions(): Action[] {
  return allActions({ store: undefined as never, clock: () => new Date() });
}

/**
 * publicActions by type: enough to validate a command (types and request classes), not to run
 * one. What the import's and the seed's validating threads check lines against.
 */
export function validationCatalog(): ReadonlyMap<string, Action> {
  return new Map(publicActions().map((a) => [a.type, a]));
}
