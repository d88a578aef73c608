import Database, { type Database as Db } from 'better-sqlite3';
import { SqliteEventStore, verifyLog } from '@libs/ledger';
import { startApi, type RunningApi } from '../support/api-app';
import { tempDir } from '../support/temp-dir';

/**
 * The store's medium failing under a running API, for real: SQLite itself refuses each write
 * (no mock of the store). Each failure is a 507/503 in both languages, nothing is appended,
 * /health says "degraded", and it says "ok" again once an append succeeds.
 */
describe('storage failures', () => {
  const dir = tempDir('ledger-storage');
  const file = dir.file('ledger.sqlite');
  let api: RunningApi;
  let n = 0;
  const unit = () => ({
    type: 'RegisterOrgUnit',
    commandId: `sf-${(n += 1)}`,
    unitId: `sf-unit-${n}`,
    // Long enough that a few of these need a fresh page: disk-full is hit within a few appends.
    name: '单位'.repeat(40),
    kind: 'district',
    occurredAt: '2024-01-01',
  });
  const health = async () => (await api.get('/health', null)).body;

  /**
   * The connection the API opened. SQLite's per-connection limits (max_page_count, query_only,
   * busy_timeout) make that connection fail exactly as a full disk or a read-only file does,
   * with the same error codes, which running as root with chmod or without a tiny filesystem
   * could not produce portably.
   */
  const connection = (): Db => {
    expect(api.store).toBeInstanceOf(SqliteEventStore);
    return (api.store as unknown as { db: Db }).db;
  };

  const expectFailure = async (
    body: { statusCode: number; error: string; message: { zh: string; en: string } },
    status: number,
    error: string,
  ) => {
    expect({ statusCode: body.statusCode, error: body.error }).toEqual({
      statusCode: status,
      error,
    });
    expect(body.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(body.message.en).toMatch(/commandId/);
    const report = await health();
    expect(report.status).toBe('degraded');
    expect(report.storeFailure.error).toBe(error);
  };

  /** The chain still verifies and holds exactly the acknowledged appends. */
  const intact = async (head: number) => {
    expect(await api.store.headPosition()).toBe(head);
    const report = await verifyLog(api.store);
    expect({ intact: report.intact, head: report.headPosition }).toEqual({ intact: true, head });
  };

  const recovers = async () => {
    const before = await api.store.headPosition();
    const r = await api.post('/api/v1/commands', unit());
    expect(r.status).toBe(201);
    expect(await api.store.headPosition()).toBeGreaterThan(before);
    expect(await health()).toMatchObject({ status: 'ok' });
    expect((await health()).storeFailure).toBeUndefined();
  };

  beforeAll(async () => {
    api = await startApi({ LEDGER_STORE: `sqlite:${file}` });
    expect((await api.post('/api/v1/commands', unit())).status).toBe(201);
    expect(await health()).toMatchObject({ status: 'ok' });
  });
  afterAll(async () => {
    await api?.close();
    dir.remove();
  });

  it('read-only (SQLITE_READONLY): 503, nothing appended, degraded until an append succeeds', async () => {
    const db = connection();
    const head = await api.store.headPosition();
    db.pragma('query_only = ON');
    try {
      const r = await api.post('/api/v1/commands', unit());
      expect(r.status).toBe(503);
      await expectFailure(r.body, 503, 'STORE_READ_ONLY');
      // Reads go on while writes fail: the dashboard's figures are still served.
      expect((await api.get('/api/v1/rates?period=2024')).status).toBe(200);
      await intact(head);
    } finally {
      db.pragma('query_only = OFF');
    }
    await recovers();
  });

  it('locked by another process (SQLITE_BUSY): 503 with Retry-After, until the lock goes', async () => {
    const db = connection();
    const head = await api.store.headPosition();
    // A second connection, as an import in another process would hold it; the API waits its
    // busy timeout (shortened here from 5 s) and gives up.
    const other = new Database(file);
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 100');
    other.exec('BEGIN IMMEDIATE');
    try {
      const response = await fetch(`${api.base}/api/v1/commands`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.rootKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(unit()),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      await expectFailure(
        (await response.json()) as Parameters<typeof expectFailure>[0],
        503,
        'STORE_BUSY',
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
      db.pragma(`busy_timeout = ${timeout}`);
    }
    await intact(head);
    await recovers();
  });

  // Last: SQLite rolls a whole transaction back on SQLITE_FULL, the hardest case for the store.
  it('disk full (SQLITE_FULL): 507, nothing appended, degraded until an append succeeds', async () => {
    const db = connection();
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let failed;
    let head = await api.store.headPosition();
    try {
      // The pages have some room left: appends fit until one needs a new page.
      for (let i = 0; i < 50 && !failed; i += 1) {
        const r = await api.post('/api/v1/commands', unit());
        if (r.status === 201) head += r.body.events.length;
        else failed = r;
      }
      expect(failed?.status).toBe(507);
      await expectFailure(failed!.body, 507, 'STORE_FULL');
      await intact(head);
    } finally {
      db.pragma('max_page_count = 1073741823');
    }
    await recovers();
  });
});
