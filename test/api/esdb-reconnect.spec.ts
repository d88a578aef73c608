import { openEventStore, type RecordedEvent } from '@libs/ledger';
import { HUANCUI_DISTRICT, openSeedStore, seedDistrict } from '@libs/synthetic';
import { EsdbDouble } from '../support/esdb-double';
import { copyLogToEsdb } from '../support/copy-log-to-esdb';
import { type RunningApi, startApi } from '../support/api-app';
import { followFeed } from '../support/live-feed';

/**
 * The projection's subscription to an EventStoreDB log survives the server dropping it: run
 * against the gRPC test double (an in-process stand-in speaking the client's protocol, not a
 * server), which ends the subscription mid-stream three times while the rest of a year is
 * appended. /health goes degraded with the reason and back; the figures end as a clean run's.
 */
const YEAR = 2024;
const unit = HUANCUI_DISTRICT.unitId;
let log: RecordedEvent[];
let double: EsdbDouble;

beforeAll(async () => {
  const { store, clock } = await openSeedStore({ kind: 'sqlite', path: ':memory:' });
  await seedDistrict({ store, scale: 'small', year: YEAR, seed: 3, clock });
  log = await store.readAll();
  await store.close();
  double = await EsdbDouble.start();
}, 120_000);
afterAll(async () => {
  await double?.close();
});

const figuresOf = async (api: RunningApi) => {
  const rates = await api.get(`/api/v1/rates?period=${YEAR}&unit=${unit}`);
  const progress = await api.get(`/api/v1/progress?period=${YEAR}&unit=${unit}`);
  expect([rates.status, progress.status]).toEqual([200, 200]);
  return { rows: rates.body.rows, checkpoints: progress.body.checkpoints };
};

async function until<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Caught up with everything in the double, and every kept year's figures ready. */
const settled = (api: RunningApi) => {
  let last: unknown;
  return until(
    () => `the projection to catch up (last /health: ${JSON.stringify(last)})`,
    async () => {
      const health = (await api.get('/health', null)).body;
      last = health;
      return health.status === 'ok' &&
        health.projectionLag === 0 &&
        health.figures.kept.every((y: number) => health.figures.ready.includes(y)) &&
        !health.figures.warming
        ? health
        : undefined;
    },
  );
};

/** The live feed of the district, as a dashboard follows it. */
const follow = (api: RunningApi) =>
  followFeed(`${api.base}/api/v1/live?period=${YEAR}&unit=${unit}`, {
    authorization: `Bearer ${api.rootKey}`,
  });

describe('the projection on EventStoreDB (test double) when the subscription drops', () => {
  let dropped: { rows: unknown; checkpoints: unknown };
  const degraded: { reason: string; attempt: number; since: string }[] = [];
  const statuses: string[] = [];

  it('resumes after three drops mid-stream, showing degraded with the reason meanwhile, the live feed included', async () => {
    const half = Math.floor(log.length / 2);
    await copyLogToEsdb(double.connectionString, log.slice(0, half));
    const api = await startApi({ LEDGER_STORE: double.connectionString });
    // /health is watched all along, as a monitor would: every drop must show while it lasts.
    const seen: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const health = (await api.get('/health', null)).body;
        if (health.subscription) {
          const key = `${health.subscription.since} ${health.subscription.attempt}`;
          if (!seen.includes(key)) {
            seen.push(key);
            degraded.push(health.subscription);
          }
          expect(health.status).toBe('degraded');
        }
        statuses.push(health.status);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let feed: ReturnType<typeof follow> | undefined;
    try {
      await settled(api);
      // A dashboard stays connected through the drops: its feed resumes with the projection.
      feed = follow(api);
      await until('the live feed to send its first view', async () =>
        feed!.events.length > 0 ? true : undefined,
      );
      const rest = log.slice(half);
      const chunk = Math.ceil(rest.length / 4);
      for (let round = 0; round < 3; round += 1) {
        const outages = new Set(degraded.map((d) => d.since)).size;
        // The server ends the subscription after 100 more events, in the middle of this chunk.
        double.dropSubscriptionsAfter(100);
        await copyLogToEsdb(
          double.connectionString,
          rest.slice(round * chunk, (round + 1) * chunk),
          1,
        );
        await until('/health to report the drop', async () =>
          new Set(degraded.map((d) => d.since)).size > outages ? true : undefined,
        );
        await until('/health to be ok again', async () =>
          statuses[statuses.length - 1] === 'ok' ? true : undefined,
        );
      }
      await copyLogToEsdb(double.connectionString, rest.slice(3 * chunk));
      await settled(api);
      dropped = await figuresOf(api);
      // The first view and every delta since, applied as the page applies them, give the
      // figures the API reports now.
      const now = (await api.get(`/api/v1/rates?period=${YEAR}&unit=${unit}`)).body;
      await until('the live feed to reach the last position', async () => {
        const last = JSON.parse(feed!.events[feed!.events.length - 1].data);
        return last.position === now.position ? true : undefined;
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { applyDelta } = require('../../apps/api/public/live-delta.js');
      const [first, ...deltas] = feed.events;
      expect(first.type).toBe('rates');
      expect(deltas.filter((d) => d.type === 'delta').length).toBeGreaterThan(3);
      const applied = deltas
        .filter((d) => d.type === 'delta')
        .reduce((view, d) => applyDelta(view, JSON.parse(d.data)), JSON.parse(first.data));
      expect(applied.rows).toEqual(expect.arrayContaining(now.rows));
      expect(applied.rows).toHaveLength(now.rows.length);
    } finally {
      await feed?.stop();
      watching = false;
      await watcher;
      await api.close();
    }
    expect(new Set(degraded.map((d) => d.since)).size).toBe(3);
    for (const d of degraded) {
      expect(d.reason).toMatch(/did not answer \(unavailable\).*dropped/i);
      expect(d.attempt).toBeGreaterThanOrEqual(1);
    }
    expect(statuses[statuses.length - 1]).toBe('ok');
  }, 180_000);

  it('ends with the figures of a clean run over the same log, figure for figure', async () => {
    const api = await startApi({ LEDGER_STORE: double.connectionString });
    try {
      await settled(api);
      const clean = await figuresOf(api);
      expect((clean.rows as { numerator: number }[]).some((r) => r.numerator > 0)).toBe(true);
      expect(dropped).toEqual(clean);
    } finally {
      await api.close();
    }
    // And the adapter reads back exactly what was copied: every event once, hashes intact.
    const store = await openEventStore({ kind: 'esdb', connectionString: double.connectionString });
    try {
      const hashOf = new Map(log.map((e) => [e.eventId, e.hash]));
      const read = (await store.readAll()).filter((e) => hashOf.has(e.eventId));
      expect(read).toHaveLength(log.length);
      expect(read.every((e) => e.hash === hashOf.get(e.eventId))).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
