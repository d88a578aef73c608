import { foldEvents } from '@libs/ledger';
import { type ExecuteContext, RuleRefusal, executeCommand } from '@libs/records';
import type { AlertDraft } from '../alert';
import { alertId, alertStream } from './alert-id';
import { type AlertEvent, evolveAlert, initialAlertState } from './alert-state';

export type RaiseOutcome = 'raised' | 'duplicate' | 'suppressed' | 'refused' | 'unplaced';

/**
 * Raises one draft (RaiseAlert), then lists it in the directory (ListAlert), both through
 * executeCommand with the context's actor and authorizer; `ctx.catalog` must hold the alert
 * actions. Already raised: 'duplicate'; raised and dismissed: 'suppressed' (never again).
 */
export async function raiseDraft(
  ctx: ExecuteContext,
  draft: AlertDraft,
  unitId: string,
  day: string,
): Promise<RaiseOutcome> {
  const id = alertId(draft);
  const before = foldEvents(
    { initialState: initialAlertState, evolve: evolveAlert },
    (await ctx.store.readStream(alertStream(id))) as unknown as AlertEvent[],
  );
  if (before.raised) return before.status === 'dismissed' ? 'suppressed' : 'duplicate';
  try {
    const result = await executeCommand(
      { type: 'RaiseAlert', commandId: `raise-${id}`, occurredAt: day, unitId, ...draft },
      ctx,
    );
    await executeCommand(
      {
        type: 'ListAlert',
        commandId: `list-${id}`,
        occurredAt: day,
        alertId: id,
        unitId,
        detector: draft.detector,
        severity: draft.severity,
        period: draft.period,
      },
      ctx,
    );
    return result.events.length > 0 && !result.duplicate ? 'raised' : 'duplicate';
  } catch (error) {
    if (error instanceof RuleRefusal) return 'refused';
    throw error;
  }
}
