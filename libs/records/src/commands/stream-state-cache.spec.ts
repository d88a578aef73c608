import { SqliteEventStore } from '@libs/ledger';
import { type Evolver, StreamStateCache } from './stream-state-cache';

/** Counts events; enough to see which history a state was folded from. */
const counter: Evolver = {
  initialState: () => ({ n: 0, last: null }),
  evolve: (s, e) => ({
    n: (s as { n: number }).n + 1,
    last: (e as { data: { v: string } }).data.v,
  }),
};
const ev = (v: string) => [{ type: 'X', occurredAt: '2024-01-02', data: { v } }];

describe('StreamStateCache', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ path: ':memory:' })));
  afterEach(() => store.close());

  it('serves a stream from the cache while its tip is unchanged, and folds on from it', async () => {
    const cache = new StreamStateCache();
    await store.append('s', ev('a'), { expectedRevision: 'any', actor: 't' });
    const first = await cache.load(store, 's', counter);
    expect(first).toMatchObject({ state: { n: 1, last: 'a' }, revision: 0 });
    expect(first.history).toHaveLength(1);
    const hit = await cache.load(store, 's', counter);
    expect(hit).toEqual({ state: { n: 1, last: 'a' }, revision: 0 });
    await store.append('s', ev('b'), { expectedRevision: 'any', actor: 't' });
    expect(await cache.load(store, 's', counter)).toEqual({
      state: { n: 2, last: 'b' },
      revision: 1,
    });
  });

  it('never serves a state whose events were rolled back and replaced', async () => {
    const cache = new StreamStateCache();
    await store.append('s', ev('a'), { expectedRevision: 'any', actor: 't' });
    await expect(
      store.batch(async () => {
        const { events } = await store.append('s', ev('b'), {
          expectedRevision: 'any',
          actor: 't',
        });
        cache.advance('s', { n: 1, last: 'a' }, events, counter);
        expect((await cache.load(store, 's', counter)).state).toEqual({ n: 2, last: 'b' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Same revision as the rolled-back event, other content: the hash tells them apart.
    await store.append('s', ev('c'), { expectedRevision: 'any', actor: 't' });
    expect((await cache.load(store, 's', counter)).state).toEqual({ n: 2, last: 'c' });
  });

  it('keeps a long stream while many short ones pass through, so it is not read whole again', async () => {
    const cache = new StreamStateCache(2);
    const many = Array.from({ length: 30 }, (_, i) => ev(`l${i}`)[0]);
    await store.append('long', many, { expectedRevision: 'any', actor: 't' });
    expect((await cache.load(store, 'long', counter)).history).toHaveLength(30);
    for (let i = 0; i < 5; i += 1) {
      await store.append(`short-${i}`, ev('s'), { expectedRevision: 'any', actor: 't' });
      await cache.load(store, `short-${i}`, counter);
    }
    // The short streams outnumber the cache's two places; the long one is still kept.
    expect(await cache.load(store, 'short-0', counter)).toHaveProperty('history');
    expect(await cache.load(store, 'long', counter)).toEqual({
      state: { n: 30, last: 'l29' },
      revision: 29,
    });
  });
});
