import type { RecordedEvent } from '../envelope/recorded-event';
import type { EventStore } from './event-store.port';

export interface LogWalk {
  /** Start after this global position (0: from the first event). */
  after?: number;
  /** Events per read. */
  pageSize?: number;
  /** Stop after this position: a prefix of the log, as it stood at a seal or checkpoint. */
  upTo?: number;
}

const DEFAULT_PAGE = 5_000;

/**
 * The log in global order, one page at a time: the one loop every reader that walks the log
 * uses, so none pages by hand. Pages, not single events, because a rebuild walks a million
 * events and an await per event would cost more than the work. Breaking out stops the reads.
 */
export async function* logPages(
  store: Pick<EventStore, 'readAll'>,
  walk: LogWalk = {},
): AsyncGenerator<RecordedEvent[]> {
  const pageSize = walk.pageSize ?? DEFAULT_PAGE;
  const upTo = walk.upTo ?? Number.POSITIVE_INFINITY;
  for (let after = walk.after ?? 0; after < upTo;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return;
    const last = page[page.length - 1];
    if (last.position > upTo) {
      const within = page.filter((e) => e.position <= upTo);
      if (within.length > 0) yield within;
      return;
    }
    yield page;
    after = last.position;
  }
}
