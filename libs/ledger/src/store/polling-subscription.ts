import type { RecordedEvent } from '../envelope/recorded-event';
import {
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
  streamFilterTest,
} from './event-store.port';

export interface PollSource {
  /** Events after the position, in order, at most `limit`. */
  readPage(after: number, limit: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** Registers a wake-up for appends made in this process; returns the unregister function. */
  onLocalAppend(wake: () => void): () => void;
}

const PAGE_SIZE = 500;

/**
 * Catch-up then live delivery for stores that cannot push across processes. Local appends wake
 * the loop at once; appends by another process are found by the poll, so the delay is bounded
 * by `pollMs`.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly source: PollSource,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly pollMs: number,
  ) {
    this.done = this.run();
    // The caller learns of failures through `done`; avoid an unhandled rejection meanwhile.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const unregister = this.source.onLocalAppend(() => this.wake?.());
    let checkpoint = this.options.after ?? 0;
    let live = false;
    const inFilter = streamFilterTest(this.options.streams);
    const wanted = (e: RecordedEvent): boolean => inFilter(e.streamId);
    this.options.onStatus?.({ state: 'catching-up', checkpoint });
    try {
      while (!this.stopped) {
        const page = await this.source.readPage(checkpoint, PAGE_SIZE);
        if (page.length === 0) {
          if (!live) {
            live = true;
            this.options.onStatus?.({ state: 'live', checkpoint });
            this.options.onLive?.();
          }
          await this.sleepUntilWoken();
          continue;
        }
        for (const event of page) {
          if (this.stopped) return;
          if (wanted(event)) await this.handler(event);
          checkpoint = event.position;
        }
        // A synchronous store resolves every read at once: without this, catching up with a
        // million events would hold the event loop until done (no request, no timer served).
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      unregister();
    }
  }

  private sleepUntilWoken(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
