import {
  type EventStore,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  openEventStore,
  parseStoreLocation,
} from '@libs/ledger';
import { EsdbDouble } from '../support/esdb-double';
import { startApi } from '../support/api-app';

/**
 * How the EventStoreDB adapter maps what the server answers, against the gRPC test double: a
 * refused expected revision is the ledger's conflict whichever way the client reports it, a
 * server that stops answering is a retryable "unavailable", and the API says so as a 503.
 */
const actor = 'errors-test';
const one = (i: number) => [{ type: 'Touched', data: { i }, occurredAt: '2024-01-01' }];

describe('EventStoreDB adapter errors (test double)', () => {
  let double: EsdbDouble;
  beforeAll(async () => (double = await EsdbDouble.start()));
  afterAll(async () => double?.close());

  const open = (query = '') =>
    openEventStore(parseStoreLocation(`${double.connectionString}${query}`));

  it.each([
    ['the default settings', ''],
    [
      'throwOnAppendFailure=false (the client returns the refusal instead of throwing)',
      '&throwOnAppendFailure=false',
    ],
  ])('reports a stale expected revision as a conflict with %s', async (_name, query) => {
    const store = await open(query);
    try {
      const stream = `errors-${Math.random().toString(36).slice(2)}`;
      await store.append(stream, one(0), { expectedRevision: 'no_stream', actor });
      await store.append(stream, one(1), { expectedRevision: 0, actor });
      await expect(
        store.append(stream, one(2), { expectedRevision: 0, actor }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      // And when another writer slips in between the adapter's read and its write:
      double.conflictNextAppend(stream);
      await expect(
        store.append(stream, one(3), { expectedRevision: 1, actor }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(stream)).map((e) => e.data.i)).toEqual([0, 1]);
    } finally {
      await store.close();
    }
  });

  it('re-reads and re-seals an append that pinned no revision when another writer got in', async () => {
    const store = await open();
    try {
      const stream = `errors-${Math.random().toString(36).slice(2)}`;
      await store.append(stream, one(0), { expectedRevision: 'no_stream', actor });
      double.conflictNextAppend(stream);
      const result = await store.append(stream, one(1), { expectedRevision: 'any', actor });
      expect(result.events[0].revision).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('turns a server that stops answering into StoreUnavailableError, and recovers with it', async () => {
    const store: EventStore = await open();
    try {
      double.refuse(true);
      await expect(
        store.append('errors-refused', one(0), { expectedRevision: 'any', actor }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readStream('errors-refused')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      double.refuse(false);
      const written = await store.append('errors-refused', one(1), {
        expectedRevision: 'any',
        actor,
      });
      expect(written.events).toHaveLength(1);
    } finally {
      double.refuse(false);
      await store.close();
    }
  });

  it('answers a command 503 STORE_UNAVAILABLE while the store refuses, and /health says degraded', async () => {
    const api = await startApi({ LEDGER_STORE: double.connectionString });
    try {
      double.refuse(true);
      const reply = await api.post('/api/v1/commands', {
        type: 'RegisterOrgUnit',
        commandId: 'errors-unit',
        unitId: 'hc-errors',
        name: '测试',
        kind: 'community_centre',
        occurredAt: '2020-01-01',
      });
      expect(reply.status).toBe(503);
      expect(reply.body.error).toBe('STORE_UNAVAILABLE');
      expect(reply.body.message.zh).toMatch(/未响应/);
      const health = await api.get('/health', null);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.storeFailure.error).toBe('STORE_UNAVAILABLE');
      double.refuse(false);
    } finally {
      double.refuse(false);
      await api.close();
    }
  });
});
