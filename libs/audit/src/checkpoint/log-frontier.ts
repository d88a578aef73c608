import { type EventStore, logPages } from '@libs/ledger';
import { MerkleFrontier } from '../merkle/merkle-frontier';

const PAGE = 5000;

/**
 * The Merkle frontier of a log, caught up page by page from where it last stopped: a long-running
 * checkpoint writer reads each event once. Whatever the store says later about events already
 * read does not change it, so a checkpoint keeps the history this process saw.
 */
export class LogFrontier {
  readonly frontier = new MerkleFrontier();
  /** Global position of the last event read; 0 before any. */
  position = 0;

  async catchUp(store: EventStore): Promise<void> {
    for await (const page of logPages(store, { after: this.position, pageSize: PAGE })) {
      for (const event of page) {
        this.frontier.appendEventHash(event.hash);
        this.position = event.position;
      }
    }
  }

  get treeSize(): number {
    return this.frontier.size;
  }

  rootHex(): string {
    return this.frontier.rootHex();
  }
}
