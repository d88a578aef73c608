import type { EventStoreDBClient, Filter } from '@eventstore/db-client';
import { START } from '@eventstore/db-client';
import type { EventHandler, Subscription } from '../store/event-store.port';
import { comparePositions, esdbPositionOf, fromEsdbEvent, isLedgerEvent } from './esdb-envelope';

/**
 * One catch-up subscription to $all on one connection: it ends (rejects `done`) when the server
 * or the channel drops it, and the caller decides whether to open another
 * (ResilientSubscription does). Starts strictly after `after`.
 */
export function openEsdbFeed(
  client: EventStoreDBClient,
  filter: Filter,
  after: number,
  handler: EventHandler,
  callbacks: { onLive: () => void },
  mapError: (error: unknown) => unknown,
): Subscription {
  const cursor = after > 0 ? esdbPositionOf(after) : null;
  const feed = client.subscribeToAll({
    fromPosition: cursor ?? START,
    filter,
    resolveLinkTos: false,
  });
  let stopped = false;
  let live = false;
  let received = 0;
  let handled = 0;
  let liveAfter: number | null = null;
  const goLiveWhenDrained = (): void => {
    if (!live && liveAfter !== null && handled >= liveAfter) {
      live = true;
      callbacks.onLive();
    }
  };
  // "caughtUp" arrives in stream order but may be emitted while earlier events still wait in
  // the readable buffer; onLive fires once the handler has seen all of those.
  feed.once('caughtUp', () => {
    liveAfter = received + feed.readableLength;
    goLiveWhenDrained();
  });
  const run = async (): Promise<void> => {
    try {
      for await (const resolved of feed) {
        received += 1;
        if (stopped) break;
        const event = resolved.event;
        if (
          event &&
          (!cursor || comparePositions(event.position, cursor) > 0) &&
          isLedgerEvent(event)
        ) {
          await handler(fromEsdbEvent(event));
        }
        handled += 1;
        goLiveWhenDrained();
        if (stopped) break;
      }
      // The server ended a subscription that should run for ever: the caller must resubscribe.
      if (!stopped) throw new Error('EventStoreDB ended the subscription');
    } catch (error) {
      if (!stopped) throw mapError(error); // destroying the feed on stop ends the loop with an error
    } finally {
      await feed.unsubscribe().catch(() => undefined);
      feed.destroy();
    }
  };
  const done = run();
  done.catch(() => undefined); // failures reach the caller through `done`
  return {
    done,
    stop: async () => {
      stopped = true;
      await feed.unsubscribe().catch(() => undefined);
      feed.destroy();
      await done.catch(() => undefined);
    },
  };
}
