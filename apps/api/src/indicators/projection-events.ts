import type { RecordedEvent } from '@libs/ledger';

/**
 * Published on the EventBus by the projection: the indicator model moved (at most every
 * LedgerProjection.BATCH_MS, so a bulk import is a few of these, not thousands).
 */
export class FiguresChanged {
  constructor(readonly position: number) {}
}

/** Published at once when the projection applies an AlertRaised: the live feed pushes it. */
export class AlertRaisedOnLedger {
  constructor(readonly event: RecordedEvent) {}
}
