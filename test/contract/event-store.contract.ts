import { randomUUID } from 'node:crypto';
import {
  CommandIdReusedError,
  DuplicateEventIdError,
  GENESIS_HASH,
  InvalidEventError,
  WrongExpectedRevisionError,
  eventHash,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@libs/ledger';

/** One backing store; `open` may be called again to get a fresh connection to the same data. */
export interface ContractFixture {
  open(): Promise<EventStore>;
  dispose(): Promise<void>;
  /**
   * Where an explicit eventId must be unique: the whole log (SQLite) or only its stream
   * (EventStoreDB keeps no index of ids across streams; see docs/decisions/0002).
   */
  eventIdScope?: 'log' | 'stream';
}

const actor = 'contract-suite';
const at = '2024-03-05';
const event = (i: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  type: 'SomethingRecorded',
  data: { i, note: '随访 follow-up' },
  occurredAt: at,
  ...extra,
});
const events = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => event(i));
const freshStream = (): string => `contract-${randomUUID()}`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Every adapter must pass this suite unchanged. Streams are fresh per test, so the suite also
 * runs against a shared server that already holds data.
 */
export function eventStoreContract(
  name: string,
  makeFixture: () => Promise<ContractFixture>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await makeFixture();
      store = await fixture.open();
    });
    afterAll(async () => {
      await store?.close();
      await fixture?.dispose();
    });

    it('appends to a new stream and reads it back with revisions, positions and a hash chain', async () => {
      const stream = freshStream();
      const result = await store.append(stream, events(3), {
        expectedRevision: 'no_stream',
        actor,
      });
      expect(result.duplicate).toBe(false);
      expect(result.nextExpectedRevision).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.eventId)).toEqual(result.events.map((e) => e.eventId));
      expect(read[0].data).toEqual({ i: 0, note: '随访 follow-up' });
      expect(read[0]).toMatchObject({ actor, occurredAt: at, schemaVersion: 1, streamId: stream });
      let previous = GENESIS_HASH;
      for (const e of read) {
        expect(e.hash).toBe(eventHash(previous, e));
        previous = e.hash;
      }
      expect(read[1].position).toBeGreaterThan(read[0].position);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(freshStream())).toEqual([]);
    });

    it('refuses an append whose expected revision is stale, and appends nothing', async () => {
      const stream = freshStream();
      await store.append(stream, events(2), { expectedRevision: 'no_stream', actor });
      await expect(
        store.append(stream, events(1), { expectedRevision: 0, actor }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(
        store.append(stream, events(1), { expectedRevision: 'no_stream', actor }),
      ).rejects.toMatchObject({
        code: 'WRONG_EXPECTED_REVISION',
        actual: 1,
      });
      await expect(
        store.append(freshStream(), events(1), { expectedRevision: 'stream_exists', actor }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(stream)).toHaveLength(2);
      const next = await store.append(stream, events(1), { expectedRevision: 1, actor });
      expect(next.events[0].revision).toBe(2);
    });

    it('lets exactly one of two concurrent writers at the same revision win', async () => {
      const stream = freshStream();
      await store.append(stream, events(1), { expectedRevision: 'no_stream', actor });
      const outcomes = await Promise.allSettled([
        store.append(stream, [event(1)], { expectedRevision: 0, actor }),
        store.append(stream, [event(2)], { expectedRevision: 0, actor }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('treats a repeated commandId as a no-op that returns the first result', async () => {
      const stream = freshStream();
      const commandId = randomUUID();
      const first = await store.append(stream, events(2), {
        expectedRevision: 'no_stream',
        actor,
        commandId,
      });
      const head = await store.headPosition();
      const again = await store.append(stream, events(2), {
        expectedRevision: 'no_stream',
        actor,
        commandId,
      });
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => [e.eventId, e.position, e.hash])).toEqual(
        first.events.map((e) => [e.eventId, e.position, e.hash]),
      );
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses a commandId sent again with another fingerprint, appending nothing', async () => {
      const stream = freshStream();
      const commandId = randomUUID();
      const first = await store.append(stream, events(1), {
        expectedRevision: 'no_stream',
        actor,
        commandId,
        commandFingerprint: 'a'.repeat(64),
      });
      expect(first.events[0].commandFingerprint).toBe('a'.repeat(64));
      const same = await store.append(stream, events(1), {
        expectedRevision: 'no_stream',
        actor,
        commandId,
        commandFingerprint: 'a'.repeat(64),
      });
      expect(same.duplicate).toBe(true);
      const head = await store.headPosition();
      await expect(
        store.append(stream, [event(9)], {
          expectedRevision: 'any',
          actor,
          commandId,
          commandFingerprint: 'b'.repeat(64),
        }),
      ).rejects.toBeInstanceOf(CommandIdReusedError);
      expect(await store.readStream(stream)).toHaveLength(1);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses a commandId reused for another stream, appending nothing there', async () => {
      const first = freshStream();
      const other = freshStream();
      const commandId = randomUUID();
      await store.append(first, events(1), {
        expectedRevision: 'no_stream',
        actor,
        commandId,
        commandFingerprint: 'c'.repeat(64),
      });
      await expect(
        store.append(other, events(1), {
          expectedRevision: 'no_stream',
          actor,
          commandId,
          commandFingerprint: 'c'.repeat(64),
        }),
      ).rejects.toBeInstanceOf(CommandIdReusedError);
      expect(await store.readStream(other)).toEqual([]);
      expect(await store.readStream(first)).toHaveLength(1);
    });

    it('answers a command sent twice at once with one write and two identical results', async () => {
      const stream = freshStream();
      const commandId = randomUUID();
      const send = () =>
        store.append(stream, events(1), {
          expectedRevision: 'no_stream',
          actor,
          commandId,
          commandFingerprint: 'd'.repeat(64),
        });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.events.map((e) => e.hash)).toEqual(b.events.map((e) => e.hash));
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('covers the command fingerprint by the event hash', async () => {
      const stream = freshStream();
      const { events: written } = await store.append(stream, events(1), {
        expectedRevision: 'no_stream',
        actor,
        commandId: randomUUID(),
        commandFingerprint: 'c'.repeat(64),
      });
      const [read] = await store.readStream(stream);
      expect(read.commandFingerprint).toBe('c'.repeat(64));
      expect(eventHash(GENESIS_HASH, read)).toBe(written[0].hash);
      expect(eventHash(GENESIS_HASH, { ...read, commandFingerprint: 'd'.repeat(64) })).not.toBe(
        read.hash,
      );
    });

    it('keeps causation metadata on every event of an append', async () => {
      const stream = freshStream();
      const ctx = {
        actor: 'recorder:7',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        commandId: randomUUID(),
      };
      await store.append(stream, events(2), { expectedRevision: 'any', ...ctx });
      for (const e of await store.readStream(stream)) expect(e).toMatchObject(ctx);
    });

    it('orders the global log by commit, across streams', async () => {
      const start = await store.headPosition();
      const a = freshStream();
      const b = freshStream();
      await store.append(a, [event(1)], { expectedRevision: 'no_stream', actor });
      await store.append(b, [event(2)], { expectedRevision: 'no_stream', actor });
      await store.append(a, [event(3)], { expectedRevision: 0, actor });
      const mine = (await store.readAll({ after: start })).filter(
        (e) => e.streamId === a || e.streamId === b,
      );
      expect(mine.map((e) => e.data.i)).toEqual([1, 2, 3]);
      const positions = mine.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[2]);
    });

    it('pages the global log from a position', async () => {
      const start = await store.headPosition();
      await store.append(freshStream(), events(5), { expectedRevision: 'no_stream', actor });
      const firstTwo = await store.readAll({ after: start, limit: 2 });
      expect(firstTwo).toHaveLength(2);
      const rest = await store.readAll({ after: firstTwo[1].position, limit: 10 });
      expect(rest.slice(0, 3).map((e) => e.data.i)).toEqual([2, 3, 4]);
    });

    it('catches up from a checkpoint, then delivers live appends in order', async () => {
      const stream = freshStream();
      const first = await store.append(stream, events(5), { expectedRevision: 'no_stream', actor });
      const seen: RecordedEvent[] = [];
      let live = false;
      const subscription = store.subscribe(
        (e) => {
          if (e.streamId === stream) seen.push(e);
        },
        { after: first.events[1].position, onLive: () => (live = true) },
      );
      try {
        await waitFor(() => live && seen.length === 3, 'catch-up');
        expect(seen.map((e) => e.revision)).toEqual([2, 3, 4]);
        await store.append(stream, [event(5), event(6)], { expectedRevision: 4, actor });
        await waitFor(() => seen.length === 5, 'live delivery');
        expect(seen.map((e) => e.revision)).toEqual([2, 3, 4, 5, 6]);
      } finally {
        await subscription.stop();
      }
    });

    it('delivers only the streams of a partition to a prefix-filtered subscription', async () => {
      const partition = `part${randomUUID().slice(0, 8)}-`;
      const inside = `${partition}resident-1`;
      const outside = freshStream();
      const start = await store.headPosition();
      const seen: RecordedEvent[] = [];
      let live = false;
      const subscription = store.subscribe((e) => void seen.push(e), {
        after: start,
        streams: { prefixes: [partition] },
        onLive: () => (live = true),
      });
      try {
        await store.append(outside, events(2), { expectedRevision: 'no_stream', actor });
        await store.append(inside, events(2), { expectedRevision: 'no_stream', actor });
        await store.append(outside, [event(7)], { expectedRevision: 1, actor });
        await store.append(inside, [event(8)], { expectedRevision: 1, actor });
        await waitFor(() => live && seen.length === 3, 'the partition');
        expect(seen.map((e) => [e.streamId, e.revision])).toEqual([
          [inside, 0],
          [inside, 1],
          [inside, 2],
        ]);
        // Checkpoints stay global positions: resuming after the second one (here with the same
        // partition as a pattern) skips nothing.
        const again: RecordedEvent[] = [];
        const resumed = store.subscribe((e) => void again.push(e), {
          after: seen[1].position,
          streams: { pattern: `^${partition}` },
        });
        await waitFor(() => again.length === 1, 'the resumed partition');
        expect(again[0].hash).toBe(seen[2].hash);
        await resumed.stop();
      } finally {
        await subscription.stop();
      }
    });

    it('appends a large batch atomically: all of it at once, or nothing', async () => {
      const stream = freshStream();
      const big = events(3000);
      const partialViews: number[] = [];
      const watcher = store.subscribe((e) => {
        if (e.streamId === stream) partialViews.push(e.revision);
      });
      await store.append(stream, big, { expectedRevision: 'no_stream', actor });
      await waitFor(() => partialViews.length === 3000, 'the whole batch');
      await watcher.stop();
      expect(partialViews[2999]).toBe(2999);

      const failing = freshStream();
      const bad = [...events(2999), event(2999, { occurredAt: 'not a date' })];
      await expect(
        store.append(failing, bad, { expectedRevision: 'no_stream', actor }),
      ).rejects.toBeInstanceOf(InvalidEventError);
      expect(await store.readStream(failing)).toEqual([]);
    });

    it('refuses an event id used before, leaving the stream untouched', async () => {
      const stream = freshStream();
      const taken = await store.append(stream, [event(1)], {
        expectedRevision: 'no_stream',
        actor,
      });
      const target = (fixture.eventIdScope ?? 'log') === 'log' ? freshStream() : stream;
      const before = await store.readStream(target);
      const reuse = [event(1), event(2, { eventId: taken.events[0].eventId })];
      await expect(
        store.append(target, reuse, { expectedRevision: 'any', actor }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(target)).toEqual(before);
    });

    it('reads back the same events, hashes included, after the store is reopened', async () => {
      const stream = freshStream();
      await store.append(stream, events(4), { expectedRevision: 'no_stream', actor });
      const before = await store.readStream(stream);
      await store.close();
      store = await fixture.open();
      expect(await store.readStream(stream)).toEqual(before);
      const next = await store.append(stream, [event(9)], { expectedRevision: 3, actor });
      expect(next.events[0].hash).toBe(eventHash(before[3].hash, next.events[0]));
    });
  });
}
