import type { RecordedEvent } from '../envelope/recorded-event';
import type { EventHandler, Subscription, SubscriptionStatus } from './event-store.port';
import { ResilientSubscription } from './resilient-subscription';

/** A store whose subscriptions deliver from a shared log and can be dropped at will. */
class FlakyFeed {
  readonly log: RecordedEvent[] = [];
  readonly opens: number[] = [];
  private dropCurrent: ((error: Error) => void) | null = null;

  add(count: number): void {
    for (let i = 0; i < count; i += 1) {
      const position = (this.log.length + 1) * 10; // sparse, like EventStoreDB's
      this.log.push({ position, eventId: `e${position}` } as RecordedEvent);
    }
  }

  open = (after: number, handler: EventHandler, cb: { onLive: () => void }): Subscription => {
    this.opens.push(after);
    let stopped = false;
    const done = new Promise<void>((resolve, reject) => {
      this.dropCurrent = reject;
      void (async () => {
        // A store may resend the event at the checkpoint; the wrapper must drop it.
        for (const event of this.log.filter((e) => e.position >= after)) {
          if (stopped) return resolve();
          await handler(event);
        }
        cb.onLive();
      })().catch(reject);
    });
    done.catch(() => undefined);
    return {
      done,
      stop: async () => {
        stopped = true;
        this.dropCurrent?.(new Error('stopped'));
      },
    };
  };

  drop(reason: string): void {
    this.dropCurrent?.(new Error(reason));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('ResilientSubscription', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 4 };

  it('resumes after each drop from the last handled event: no gap, no repeat', async () => {
    const feed = new FlakyFeed();
    feed.add(5);
    const seen: number[] = [];
    const statuses: SubscriptionStatus[] = [];
    let lives = 0;
    const sub = new ResilientSubscription(
      feed.open,
      (e) => {
        seen.push(e.position);
      },
      { onLive: () => (lives += 1), onStatus: (s) => statuses.push(s) },
      fast,
    );
    await settle();
    for (let round = 0; round < 3; round += 1) {
      feed.drop(`node restarted ${round}`);
      feed.add(2);
      await settle();
    }
    await sub.stop();
    expect(seen).toEqual(feed.log.map((e) => e.position));
    expect(feed.opens).toEqual([0, 50, 70, 90]);
    expect(lives).toBe(1);
    const drops = statuses.filter((s) => s.state === 'reconnecting');
    expect(drops.map((s) => s.state === 'reconnecting' && s.reason)).toEqual([
      'node restarted 0',
      'node restarted 1',
      'node restarted 2',
    ]);
    expect(statuses[statuses.length - 1].state).toBe('live');
  });

  it('counts attempts while the store stays away, and resets them once live', async () => {
    let opens = 0;
    const statuses: SubscriptionStatus[] = [];
    const sub = new ResilientSubscription(
      (_after, _handler, cb) => {
        opens += 1;
        if (opens <= 3) {
          const failed = Promise.reject(new Error('connection refused'));
          failed.catch(() => undefined);
          return { done: failed, stop: async () => undefined };
        }
        let end!: () => void;
        const done = new Promise<void>((resolve) => (end = resolve));
        cb.onLive();
        return { done, stop: async () => end() };
      },
      () => undefined,
      { onStatus: (s) => statuses.push(s) },
      fast,
    );
    await settle();
    const attempts = statuses.flatMap((s) => (s.state === 'reconnecting' ? [s.attempt] : []));
    expect(attempts).toEqual([1, 2, 3]);
    expect(statuses[statuses.length - 1].state).toBe('live');
    const since = statuses.flatMap((s) => (s.state === 'reconnecting' ? [s.since] : []));
    expect(new Set(since).size).toBe(1); // one outage, one start time
    await sub.stop();
  });

  it('stops for good when the handler itself fails, with its error', async () => {
    const feed = new FlakyFeed();
    feed.add(3);
    const sub = new ResilientSubscription(
      feed.open,
      (e) => {
        if (e.position === 20) throw new Error('projection bug');
      },
      {},
      fast,
    );
    await expect(sub.done).rejects.toThrow('projection bug');
    expect(feed.opens).toEqual([0]);
  });
});
