import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { LedgerModel } from '@libs/indicators';
import { EVENT_STORE, type EventStore, type Subscription } from '@libs/ledger';
import { AlertRaisedOnLedger, FiguresChanged } from './projection-events';

/**
 * Keeps the indicator model current: catches up from the start of the log, then follows it
 * live. Changes are announced at most every `BATCH_MS`, so a bulk import becomes a few
 * updates, not thousands.
 */
@Injectable()
export class LedgerProjection implements OnModuleInit, OnApplicationShutdown {
  static readonly BATCH_MS = 250;
  readonly model = new LedgerModel();
  private subscription?: Subscription;
  private pending: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('Projection');
  private live = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly events: EventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    this.subscription = this.store.subscribe(
      (event) => {
        if (this.model.apply(event) && this.live) this.announce();
        // New alerts go out at once (not batched): the live feed pushes them to supervisors.
        if (this.live && event.type === 'AlertRaised')
          this.events.publish(new AlertRaisedOnLedger(event));
      },
      {
        onLive: () => {
          this.live = true;
          caughtUp();
        },
      },
    );
    this.subscription.done.catch((error: Error) =>
      this.logger.error(`projection stopped: ${error.message}`),
    );
    await ready;
    this.logger.log(
      `indicator model caught up to position ${this.model.position} in ${Date.now() - started} ms`,
    );
  }

  private announce(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.events.publish(new FiguresChanged(this.model.position));
    }, LedgerProjection.BATCH_MS);
  }

  /**
   * Read-your-writes: waits (briefly) until the model has applied everything in the log now, so
   * a figure asked for right after a command includes it.
   */
  async catchUp(timeoutMs = 2000): Promise<void> {
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while (this.model.position < head && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
  }

  async lag(): Promise<number> {
    return Math.max(0, (await this.store.headPosition()) - this.model.position);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    await this.subscription?.stop();
  }
}
