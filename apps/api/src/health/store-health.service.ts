import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import type { StorageFailure } from './storage-failure';

export interface StoreDegradation {
  error: string;
  storeCode: string;
  since: string;
  message: { zh: string; en: string };
}

interface Failed extends StoreDegradation {
  /** The head when it failed; null until it could be read. */
  headAtFailure: number | null;
}

/**
 * Remembers the last storage failure the API answered, until an append succeeds again. "An
 * append succeeded" is read from the log itself: the head moved past where it stood at the
 * failure. So any successful writer counts (this API, another replica, the CLI), with no
 * hook into the store adapter.
 */
@Injectable()
export class StoreHealth {
  private failed: Failed | null = null;
  private readonly logger = new Logger('StoreHealth');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Called by the exception filter; synchronous, so /health is degraded from this moment. A
   * repeated failure keeps the first one's time and head: recovery is measured from there.
   */
  recordFailure(failure: StorageFailure): void {
    const failed: Failed = {
      error: failure.error,
      storeCode: failure.storeCode,
      since: this.failed?.since ?? new Date().toISOString(),
      message: failure.message,
      headAtFailure: this.failed?.headAtFailure ?? null,
    };
    this.failed = failed;
    if (failed.headAtFailure === null) void this.pinHead(failed);
  }

  private async pinHead(failed: Failed): Promise<void> {
    try {
      const head = await this.store.headPosition();
      failed.headAtFailure ??= head;
    } catch {
      // The store cannot even be read: pinned on the next /health that can read it.
    }
  }

  /**
   * Null when healthy; otherwise what failed and since when. Reads the head (may throw) unless
   * the caller read it already.
   */
  async degradation(knownHead?: number): Promise<StoreDegradation | null> {
    const failed = this.failed;
    if (!failed) return null;
    const head = knownHead ?? (await this.store.headPosition());
    if (failed.headAtFailure === null) failed.headAtFailure = head;
    else if (head > failed.headAtFailure) {
      if (this.failed === failed) this.failed = null;
      this.logger.log(
        `store writable again: the head moved to ${head} (${failed.storeCode} cleared)`,
      );
      return null;
    }
    const { headAtFailure: _pinned, ...report } = failed;
    return report;
  }
}
