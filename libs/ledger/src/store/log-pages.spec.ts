import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { logPages } from './log-pages';

describe('logPages', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    for (let i = 0; i < 23; i += 1)
      await store.append(`s-${i % 4}`, [{ type: 'X', occurredAt: '2024-01-02', data: { i } }], {
        expectedRevision: 'any',
        actor: 't',
      });
  });
  afterAll(() => store.close());

  const positions = async (walk: Parameters<typeof logPages>[1]) => {
    const pages: number[][] = [];
    for await (const page of logPages(store, walk)) pages.push(page.map((e) => e.position));
    return pages;
  };

  it('walks the whole log in order, a page at a time', async () => {
    const pages = await positions({ pageSize: 10 });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it('starts after a position and stops at a prefix', async () => {
    expect((await positions({ after: 5, upTo: 17, pageSize: 5 })).flat()).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    ]);
    expect(await positions({ after: 23 })).toEqual([]);
    expect(await positions({ upTo: 0 })).toEqual([]);
  });

  it('stops reading when the reader breaks out', async () => {
    let reads = 0;
    const counting = {
      readAll: (o: Parameters<typeof store.readAll>[0]) => (reads++, store.readAll(o)),
    };
    for await (const page of logPages(counting, { pageSize: 5 })) if (page[0].position > 5) break;
    expect(reads).toBe(2);
  });
});
