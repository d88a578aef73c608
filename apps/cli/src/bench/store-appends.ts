import { type NewEvent, SqliteEventStore } from '@libs/ledger';
import type { Rate } from './raw-sqlite-limits';

/** The event both stores append, so the ledger and the peer carry the same payload. */
export const sampleEvent = (i: number): NewEvent => ({
  type: 'FollowUpRecorded',
  occurredAt: '2024-03-05',
  data: {
    residentId: `r-${i}`,
    condition: 'hypertension',
    systolic: 128 + (i % 20),
    diastolic: 82,
    mode: 'face_to_face_clinic',
  },
});

const rate = (count: number, startedMs: number): Rate => {
  const seconds = (performance.now() - startedMs) / 1000;
  return { count, seconds, perSecond: count / seconds };
};

/**
 * One event per append to a new stream, each awaited before the next: every append is its own
 * durable commit, as one client sending one command at a time gets. With a commandId, as every
 * command has, so the idempotency look-up is paid too.
 */
export async function ledgerSingleAppends(
  path: string,
  forSeconds: number,
  prefix = 'single',
): Promise<Rate> {
  const store = new SqliteEventStore({ path });
  try {
    const started = performance.now();
    const until = started + forSeconds * 1000;
    let i = 0;
    while (performance.now() < until) {
      await store.append(`${prefix}-${i}`, [sampleEvent(i)], {
        expectedRevision: 'no_stream',
        actor: 'bench',
        commandId: `${prefix}-${i}`,
      });
      i += 1;
    }
    return rate(i, started);
  } finally {
    await store.close();
  }
}

/**
 * The same appends from `inFlight` callers at once: what group commit is for (appends arriving
 * together share one transaction and one fsync).
 */
export async function ledgerConcurrentAppends(
  path: string,
  forSeconds: number,
  inFlight: number,
): Promise<Rate> {
  const store = new SqliteEventStore({ path });
  try {
    const started = performance.now();
    const until = started + forSeconds * 1000;
    let next = 0;
    const caller = async () => {
      while (performance.now() < until) {
        const i = next++;
        await store.append(`concurrent-${i}`, [sampleEvent(i)], {
          expectedRevision: 'no_stream',
          actor: 'bench',
          commandId: `concurrent-${i}`,
        });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, caller));
    return rate(next, started);
  } finally {
    await store.close();
  }
}

/** `batch` events per append, one stream per append: a bulk writer's path. Events per second. */
export async function ledgerBatchedAppends(
  path: string,
  events: number,
  batch: number,
  prefix = 'batch',
): Promise<Rate> {
  const store = new SqliteEventStore({ path });
  try {
    const started = performance.now();
    for (let i = 0; i < events; i += batch) {
      const size = Math.min(batch, events - i);
      await store.append(
        `${prefix}-${i / batch}`,
        Array.from({ length: size }, (_, k) => sampleEvent(i + k)),
        { expectedRevision: 'no_stream', actor: 'bench' },
      );
    }
    return rate(events, started);
  } finally {
    await store.close();
  }
}
