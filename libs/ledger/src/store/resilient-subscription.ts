import type { RecordedEvent } from '../envelope/recorded-event';
import type {
  EventHandler,
  SubscribeOptions,
  Subscription,
  SubscriptionStatus,
} from './event-store.port';

/** One connection's worth of subscription: what a store adapter opens and may lose. */
export type OpenSubscription = (
  after: number,
  handler: EventHandler,
  callbacks: { onLive: () => void },
) => Subscription;

export interface Backoff {
  /** First wait after a drop; doubled per failed attempt up to maxDelayMs, with jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialDelayMs: 250, maxDelayMs: 10_000 };

/** Marks a failure of the subscriber's own handler: a bug to surface, not a drop to retry. */
class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('subscriber failed');
  }
}

/**
 * A subscription that survives its store: when the connection errors or ends, it opens again
 * after the last event the handler finished, with growing waits, telling `onStatus` each time.
 * The checkpoint moves only after the handler returns, so a resumed subscription neither skips
 * nor repeats an event (and anything at or before the checkpoint is dropped, should a store
 * resend it). A handler that throws stops it for good: `done` rejects with that error.
 */
export class ResilientSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private current: Subscription | null = null;
  private wakeFromWait: (() => void) | null = null;
  private checkpoint: number;

  constructor(
    private readonly open: OpenSubscription,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.checkpoint = options.after ?? 0;
    this.done = this.run();
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeFromWait?.();
    await this.current?.stop();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let announcedLive = false;
    let failures = 0;
    let downSince: string | null = null;
    while (!this.stopped) {
      this.status({ state: 'catching-up', checkpoint: this.checkpoint });
      this.current = this.open(this.checkpoint, (event) => this.deliver(event), {
        onLive: () => {
          failures = 0;
          downSince = null;
          this.status({ state: 'live', checkpoint: this.checkpoint });
          if (!announcedLive) {
            announcedLive = true;
            this.options.onLive?.();
          }
        },
      });
      let reason: string;
      try {
        await this.current.done;
        if (this.stopped) return;
        reason = 'the store ended the subscription';
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.cause;
        if (this.stopped) return;
        reason = (error as Error)?.message || String(error);
      }
      failures += 1;
      downSince ??= new Date().toISOString();
      const retryInMs = this.delayFor(failures);
      this.status({
        state: 'reconnecting',
        checkpoint: this.checkpoint,
        reason,
        attempt: failures,
        since: downSince,
        retryInMs,
      });
      await this.wait(retryInMs);
    }
  }

  private async deliver(event: RecordedEvent): Promise<void> {
    if (event.position <= this.checkpoint) return;
    try {
      await this.handler(event);
    } catch (error) {
      throw new HandlerFailed(error);
    }
    this.checkpoint = event.position;
  }

  private delayFor(failures: number): number {
    const ceiling = Math.min(
      this.backoff.maxDelayMs,
      this.backoff.initialDelayMs * 2 ** Math.min(failures - 1, 20),
    );
    // Jitter, so replicas that lost the same node do not all come back in the same millisecond.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromWait = () => {
        this.wakeFromWait = null;
        finish();
      };
    });
  }

  private status(status: SubscriptionStatus): void {
    this.options.onStatus?.(status);
  }
}
