import { GENESIS_HASH, eventHash, logHash } from '../envelope/event-hash';
import type { RecordedEvent } from '../envelope/recorded-event';
import type { EventStore } from '../store/event-store.port';
import { logPages } from '../store/log-pages';

export interface LogProblem {
  streamId: string;
  revision: number;
  position: number;
  reason: string;
}

export interface VerifyReport {
  intact: boolean;
  eventsChecked: number;
  streamsChecked: number;
  headPosition: number;
  /** The first place where the log does not match its hashes; later damage may follow it. */
  problem?: LogProblem;
}

/** Stores that keep a chain over the whole log (not only per stream) expose it for checking. */
export interface LogChainReader {
  readLogChain(after: number, limit: number): { position: number; hash: string; logHash: string }[];
}

const PAGE = 5000;

/** Part of a check shared among threads, and what each event read is handed to. */
export interface VerifyWalk {
  /** Only these streams' revisions and hashes are checked (default: all). */
  streams?: (streamId: string) => boolean;
  /** Whether the global log chain is checked (default: yes; one of several threads does it). */
  logChain?: boolean;
  /** Every event read, once checked (or passed over as another thread's). */
  onEvent?: (event: RecordedEvent) => void;
}

/** The next global chain link if the stored one is right, else '' (the chain breaks here). */
function checkedLink(
  event: RecordedEvent,
  link: { position: number; logHash: string } | undefined,
  previousLogHash: string,
): string {
  const expected = logHash(previousLogHash, event.hash, event.position);
  return link && link.position === event.position && link.logHash === expected ? expected : '';
}

/**
 * Walks the whole log in global order and recomputes every hash and chain. Catches an edited
 * field, a deleted, inserted or reordered event. It cannot see what leaves a self-consistent log:
 * a forger who recomputes every later hash, or a tail cut off. Those need something kept outside
 * the store — a signed seal (check-seal) or checkpoint (verify --witness) — which this walk does
 * not need.
 */
export async function verifyLog(
  store: EventStore & Partial<LogChainReader>,
  walk: VerifyWalk = {},
): Promise<VerifyReport> {
  const tips = new Map<string, { revision: number; hash: string }>();
  const dense = typeof store.readLogChain === 'function' && walk.logChain !== false;
  const mine = walk.streams ?? (() => true);
  let previous: RecordedEvent | null = null;
  let previousLogHash = GENESIS_HASH;
  let checked = 0;
  const fail = (event: RecordedEvent, reason: string): VerifyReport => ({
    intact: false,
    eventsChecked: checked,
    streamsChecked: tips.size,
    headPosition: event.position,
    problem: {
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      reason,
    },
  });

  for await (const page of logPages(store, { pageSize: PAGE })) {
    // Each page starts right after the last event checked: the chain links are read from there.
    const after = previous?.position ?? 0;
    const links = dense ? store.readLogChain!(after, PAGE) : [];
    for (const [index, event] of page.entries()) {
      const expectedPosition = (previous?.position ?? 0) + 1;
      if (dense && event.position !== expectedPosition) {
        return fail(event, `global position ${expectedPosition} is missing: an event was removed`);
      }
      if (previous && event.recordedAt < previous.recordedAt) {
        return fail(
          event,
          `recordedAt ${event.recordedAt} is earlier than the event before it: the log was reordered`,
        );
      }
      const checkChain = () => {
        if (!dense) return true;
        previousLogHash = checkedLink(event, links[index], previousLogHash);
        return previousLogHash !== '';
      };
      const broken = 'the global chain breaks here: events were inserted, removed or swapped';
      if (!mine(event.streamId)) {
        // Another thread checks this stream; the global chain is still this one's to follow.
        if (!checkChain()) return fail(event, broken);
        walk.onEvent?.(event);
        previous = event;
        continue;
      }
      const tip = tips.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      if (event.revision !== tip.revision + 1) {
        return fail(
          event,
          `expected revision ${tip.revision + 1} of the stream here, found ${event.revision}: an event was removed, inserted or moved`,
        );
      }
      const recomputed = eventHash(tip.hash, event);
      if (recomputed !== event.hash) {
        return fail(
          event,
          `hash does not match the event's content and the stream's chain (stored ${event.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…)`,
        );
      }
      if (!checkChain()) return fail(event, broken);
      tips.set(event.streamId, { revision: event.revision, hash: event.hash });
      walk.onEvent?.(event);
      previous = event;
      checked += 1;
    }
  }
  return {
    intact: true,
    eventsChecked: checked,
    streamsChecked: tips.size,
    headPosition: previous?.position ?? 0,
  };
}
