import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { parseUUID } from '@eventstore/db-client/dist/utils/grpcUUID';
import { credentials } from '@grpc/grpc-js';
import { EsdbDouble } from '../support/esdb-double';

/**
 * The EventStoreDB test double, driven by the real client: what the adapter's tests will rely
 * on when they point the client at the double instead of a server.
 */

const clients: EventStoreDBClient[] = [];
const doubles: EsdbDouble[] = [];

async function startDouble(options?: Parameters<typeof EsdbDouble.start>[0]): Promise<EsdbDouble> {
  const double = await EsdbDouble.start(options);
  doubles.push(double);
  return double;
}

function connect(double: EsdbDouble): EventStoreDBClient {
  const client = EventStoreDBClient.connectionString(double.connectionString);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await Promise.all(doubles.splice(0).map((double) => double.close()));
});

const event = (type: string, data: Record<string, unknown>, id = randomUUID()) =>
  jsonEvent({ id, type, data, metadata: { by: 'spec' } });

async function drain<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const positionOf = (double: EsdbDouble, i: number): Position => {
  const position = BigInt(double.events()[i]!.position);
  return { commit: position, prepare: position };
};

describe('EsdbDouble with the real client: streams', () => {
  it('appends and reads a stream back with revisions, positions, ids, data and metadata', async () => {
    const double = await startDouble();
    const client = connect(double);
    const before = Date.now();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const result = await client.appendToStream(
      'patient-1',
      ids.map((id, i) => event('Visited', { n: i }, id)),
      { expectedRevision: NO_STREAM },
    );

    const stored = double.events();
    expect(stored.map((e) => [e.streamId, e.revision, e.id, e.type])).toEqual(
      ids.map((id, i) => ['patient-1', i, id, 'Visited']),
    );
    // Sparse, increasing, byte-offset-like positions; the append reports the last one.
    expect(stored[0]!.position).toBe(128);
    expect(stored[1]!.position - stored[0]!.position).toBeGreaterThan(1);
    expect(stored[2]!.position).toBeGreaterThan(stored[1]!.position);
    expect(result).toEqual({
      success: true,
      nextExpectedRevision: 2n,
      position: { commit: BigInt(stored[2]!.position), prepare: BigInt(stored[2]!.position) },
    });

    const read = await drain<ResolvedEvent>(client.readStream('patient-1'));
    expect(read.map(({ event: e }) => e!.revision)).toEqual([0n, 1n, 2n]);
    const first = read[0]!.event!;
    expect(first).toMatchObject({
      streamId: 'patient-1',
      id: ids[0],
      type: 'Visited',
      data: { n: 0 },
      metadata: { by: 'spec' },
      isJson: true,
      position: positionOf(double, 0),
    });
    expect(read[0]!.commitPosition).toBe(BigInt(stored[0]!.position));
    expect(first.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(first.created.getTime()).toBeLessThanOrEqual(Date.now());

    const [tip] = await drain<ResolvedEvent>(
      client.readStream('patient-1', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    expect(tip!.event!.revision).toBe(2n);
    const middle = await drain<ResolvedEvent>(
      client.readStream('patient-1', { fromRevision: 1n, maxCount: 1 }),
    );
    expect(middle.map(({ event: e }) => e!.id)).toEqual([ids[1]]);
    expect(double.calls.get('Streams.BatchAppend')).toBe(1);
    expect(double.calls.get('Streams.Read')).toBe(3);
    expect(double.calls.get('ServerFeatures.GetSupportedMethods')).toBe(1);
  });

  it('reads $all forwards including its start position and backwards strictly before it', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream('a', [event('A', { i: 0 }), event('A', { i: 1 })]);
    await client.appendToStream('b', [event('B', { i: 2 }), event('B', { i: 3 })]);
    const label = (read: AllStreamResolvedEvent[]) =>
      read.map(({ event: e }) => `${e!.streamId}@${e!.revision}`);

    expect(label(await drain(client.readAll()))).toEqual(['a@0', 'a@1', 'b@0', 'b@1']);
    expect(
      label(await drain(client.readAll({ fromPosition: positionOf(double, 1), maxCount: 2 }))),
    ).toEqual(['a@1', 'b@0']);
    expect(label(await drain(client.readAll({ direction: BACKWARDS, fromPosition: END })))).toEqual(
      ['b@1', 'b@0', 'a@1', 'a@0'],
    );
    expect(
      label(
        await drain(client.readAll({ direction: BACKWARDS, fromPosition: positionOf(double, 2) })),
      ),
    ).toEqual(['a@1', 'a@0']);
    expect(label(await drain(client.readAll({ fromPosition: END })))).toEqual([]);
  });

  it('answers structured ids to a reader that asks for them (raw gRPC)', async () => {
    const double = await startDouble();
    const client = connect(double);
    const id = randomUUID();
    await client.appendToStream('s', event('E', {}, id));
    const stream = new ReadReq.Options.StreamOptions()
      .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from('s')))
      .setStart(new Empty());
    const options = new ReadReq.Options()
      .setStream(stream)
      .setCount('10')
      .setNoFilter(new Empty())
      .setUuidOption(new ReadReq.Options.UUIDOption().setStructured(new Empty()));
    const raw = new StreamsClient(`127.0.0.1:${double.port}`, credentials.createInsecure());
    try {
      const [response] = await drain<ReadResp>(raw.read(new ReadReq().setOptions(options)));
      const uuid = response!.getEvent()!.getEvent()!.getId()!;
      expect(uuid.hasStructured()).toBe(true);
      expect(parseUUID(uuid)).toBe(id); // the client's own decoder
    } finally {
      raw.close();
    }
  });

  it('answers a missing stream with StreamNotFoundError', async () => {
    const double = await startDouble();
    const client = connect(double);
    const read = drain(client.readStream('nobody-here'));
    await expect(read).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(read).rejects.toMatchObject({ streamName: 'nobody-here' });
  });

  describe.each([
    ['BatchAppend', true],
    ['Append', false],
  ])('on the %s path', (method, batchAppend) => {
    it('refuses a wrong expected revision with WrongExpectedVersionError', async () => {
      const double = await startDouble({ batchAppend });
      const client = connect(double);
      await client.appendToStream('s', [event('E', {}), event('E', {})], {
        expectedRevision: NO_STREAM,
      });

      const stale = client.appendToStream('s', event('E', {}), { expectedRevision: 0n });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(stale).rejects.toMatchObject({
        streamName: 's',
        expectedVersion: 0n,
        actualVersion: 1n,
      });
      await expect(
        client.appendToStream('s', event('E', {}), { expectedRevision: NO_STREAM }),
      ).rejects.toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n });
      await expect(
        client.appendToStream('t', event('E', {}), { expectedRevision: STREAM_EXISTS }),
      ).rejects.toMatchObject({
        streamName: 't',
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });
      expect(double.events()).toHaveLength(2);
      expect(double.calls.get(`Streams.${method}`)).toBe(4);
      expect(double.calls.get(`Streams.${batchAppend ? 'Append' : 'BatchAppend'}`)).toBeUndefined();
    });

    it('accepts a re-append of the same ids at the same expected revision without writing', async () => {
      const double = await startDouble({ batchAppend });
      const client = connect(double);
      const batch = [event('E', { i: 0 }), event('E', { i: 1 })];
      const first = await client.appendToStream('s', batch, { expectedRevision: NO_STREAM });
      await client.appendToStream('s', event('E', { i: 2 }), { expectedRevision: 1n });

      const again = await client.appendToStream('s', batch, { expectedRevision: NO_STREAM });
      expect(again).toEqual(first);
      // With "any" the server looks the ids up in the stream instead.
      await expect(client.appendToStream('s', batch)).resolves.toEqual(first);
      expect(again.nextExpectedRevision).toBe(1n);
      expect(double.events()).toHaveLength(3);
      // Other ids at that revision are a conflict, not a retry.
      await expect(
        client.appendToStream('s', [event('E', {}), event('E', {})], {
          expectedRevision: NO_STREAM,
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });
  });

  it.each([true, false])(
    'refuses an append over maxAppendSize, storing nothing (batchAppend: %s)',
    async (batchAppend) => {
      const double = await startDouble({ batchAppend, maxAppendSize: 1_000 });
      const client = connect(double);
      const pad = 'x'.repeat(600); // two of these exceed 1,000 bytes, one does not
      const big = client.appendToStream('s', [event('E', { pad }), event('E', { pad })]);
      await expect(big).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
      await expect(big).rejects.toMatchObject({ maxAppendSize: 1_000 });
      expect(double.events()).toEqual([]);
    },
  );

  it('conflictNextAppend answers one append as a lost race and stores nothing', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream('s', event('E', {}), { expectedRevision: NO_STREAM });
    double.conflictNextAppend('s');

    await client.appendToStream('other', event('E', {})); // not the armed stream
    const raced = client.appendToStream('s', event('E', {}), { expectedRevision: 0n });
    await expect(raced).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: 's',
      expectedVersion: 0n,
      actualVersion: 1n,
    });
    expect(double.events().map((e) => e.streamId)).toEqual(['s', 'other']);
    await expect(
      client.appendToStream('s', event('E', {}), { expectedRevision: 0n }),
    ).resolves.toMatchObject({ nextExpectedRevision: 1n });
  });
});

describe('EsdbDouble with the real client: subscriptions', () => {
  it('sends confirmation, catch-up events, caughtUp, then live events', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream('s', [event('Old', { i: 0 }), event('Old', { i: 1 })]);
    const seen: string[] = [];
    const subscription = client.subscribeToAll({ fromPosition: START });
    subscription.on('confirmation', () => seen.push('confirmation'));
    subscription.on('caughtUp', () => seen.push('caughtUp'));
    subscription.on('data', ({ event: e }: AllStreamResolvedEvent) =>
      seen.push(`${e!.type}@${e!.revision}`),
    );

    await until(() => seen.includes('caughtUp'), 'caughtUp');
    await client.appendToStream('s', event('New', { i: 2 }));
    await until(() => seen.length === 5, 'the live event');
    expect(seen).toEqual(['confirmation', 'Old@0', 'Old@1', 'caughtUp', 'New@2']);
    await subscription.unsubscribe();
  });

  it('starts strictly after a position, filters by event type and sends checkpoints', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream(
      's',
      Array.from({ length: 40 }, (_, i) => event(i % 2 ? 'Skip' : 'Keep', { i })),
    );
    const checkpoints: Position[] = [];
    const types: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: positionOf(double, 0),
      filter: eventTypeFilter({
        prefixes: ['Ke'],
        checkpointReached: (_s, position) => void checkpoints.push(position),
      }),
    });
    subscription.on('data', ({ event: e }: AllStreamResolvedEvent) =>
      types.push(`${e!.type}@${e!.revision}`),
    );
    let caughtUp = false;
    subscription.on('caughtUp', () => (caughtUp = true));
    await until(() => caughtUp, 'caughtUp');

    // Event 0 is a Keep too, but the subscription starts strictly after its position.
    expect(types).toHaveLength(19);
    expect(types[0]).toBe('Keep@2');
    // Checkpoint interval 1 x the default window of 32 events scanned, counted from the start.
    expect(checkpoints).toEqual([positionOf(double, 32)]);
    await subscription.unsubscribe();
  });

  it('dropSubscriptions() ends an open subscription with UnavailableError', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream('s', event('E', {}));
    const subscription = client.subscribeToAll({ filter: excludeSystemEvents() });
    let caughtUp = false;
    subscription.on('caughtUp', () => (caughtUp = true));
    const received: ResolvedEvent[] = [];
    const consumed = (async () => {
      for await (const resolved of subscription) received.push(resolved);
    })();
    await until(() => caughtUp, 'caughtUp');

    expect(double.dropSubscriptions()).toBe(1);
    await expect(consumed).rejects.toBeInstanceOf(UnavailableError);
    expect(received).toHaveLength(1);
    expect(double.dropSubscriptions()).toBe(0);
  });

  it('dropSubscriptionsAfter(n) drops once after n events; the resubscription runs on', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream(
      's',
      [1, 2, 3, 4, 5].map((i) => event('E', { i })),
    );
    double.dropSubscriptionsAfter(2);

    const dropped: ResolvedEvent[] = [];
    await expect(
      (async () => {
        for await (const resolved of client.subscribeToAll()) dropped.push(resolved);
      })(),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(dropped.map(({ event: e }) => e!.revision)).toEqual([0n, 1n]);

    const resubscribed = client.subscribeToAll({ fromPosition: positionOf(double, 1) });
    const rest: bigint[] = [];
    resubscribed.on('data', ({ event: e }: AllStreamResolvedEvent) => rest.push(e!.revision));
    await until(() => rest.length === 3, 'the remaining events');
    expect(rest).toEqual([2n, 3n, 4n]);
    await resubscribed.unsubscribe();
  });
});

describe('EsdbDouble with the real client: availability', () => {
  it.each([
    ['BatchAppend', true],
    ['Append', false],
  ])(
    'refuse(true) fails calls with UNAVAILABLE until refuse(false) (%s)',
    async (method, batchAppend) => {
      const double = await startDouble({ batchAppend });
      const client = connect(double);
      await client.appendToStream('s', event('E', {}));
      double.resetCalls();

      double.refuse(true);
      await expect(client.appendToStream('s', event('E', {}))).rejects.toBeInstanceOf(
        UnavailableError,
      );
      await expect(drain(client.readStream('s'))).rejects.toBeInstanceOf(UnavailableError);
      // After an UNAVAILABLE the client drops its channel and asks for the server features again;
      // that refusal reaches the caller as the raw gRPC error, not as an UnavailableError.
      await expect(client.appendToStream('s', event('E', {}))).rejects.toMatchObject({
        code: 14,
        details: expect.stringContaining('refuses ServerFeatures.GetSupportedMethods'),
      });
      // Methods the double does not model are refused (and counted) all the same.
      await expect(client.deleteStream('s')).rejects.toBeInstanceOf(UnavailableError);
      expect(Object.fromEntries(double.calls)).toEqual({
        'Streams.Delete': 1,
        [`Streams.${method}`]: 1,
        'Streams.Read': 1,
        'ServerFeatures.GetSupportedMethods': 1,
      });

      double.refuse(false);
      await expect(drain(client.readStream('s'))).resolves.toHaveLength(1);
      expect(double.events()).toHaveLength(1);
    },
  );

  it('stop() ends open calls and refuses connections; restart() serves the same log', async () => {
    const double = await startDouble();
    const client = connect(double);
    await client.appendToStream('s', [event('E', { i: 0 }), event('E', { i: 1 })]);
    const subscription = client.subscribeToAll();
    const ended = drain(subscription).then(
      () => 'ended cleanly',
      (error: unknown) => error,
    );
    await until(() => double.calls.get('Streams.Read') === 1, 'the subscription');

    await double.stop();
    expect(await ended).toBeInstanceOf(UnavailableError);
    await expect(drain(client.readStream('s'))).rejects.toBeInstanceOf(UnavailableError);

    const port = double.port;
    await double.restart();
    expect(double.port).toBe(port);
    const read = await drain<ResolvedEvent>(client.readStream('s'));
    expect(read.map(({ event: e }) => e!.data)).toEqual([{ i: 0 }, { i: 1 }]);
    await client.appendToStream('s', event('E', { i: 2 }), { expectedRevision: 1n });
    expect(double.events().map((e) => e.revision)).toEqual([0, 1, 2]);
  });
});
