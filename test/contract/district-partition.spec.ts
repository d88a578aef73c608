import { randomUUID } from 'node:crypto';
import {
  type EventStore,
  type RecordedEvent,
  SqliteEventStore,
  openEventStore,
  parseStoreLocation,
  streamFilterTest,
} from '@libs/ledger';
import { FUNDS_STREAM_PREFIX, districtStreams, streamIds } from '@libs/records';
import { residentReadsStream } from '@libs/access';
import { reportStream } from '@libs/audit/submit-aggregate-report/submit-aggregate-report.action';
import { sealStreamId } from '@libs/audit/seal/seal';
import { fundsStream } from '@libs/funds';
import { EsdbDouble } from '../support/esdb-double';

/**
 * One district's streams as a partition: every stream a district's records live in is named so
 * that a server-side filter selects it, and nothing of another district (even one whose id
 * starts with the same letters) or of the ledger as a whole slips in.
 */
const inside = [
  streamIds.resident('hc-jy-1042'),
  streamIds.doctor('hc-jy-d1'),
  streamIds.orgUnit('hc'),
  streamIds.orgUnit('hc-jy'),
  streamIds.targets('hc', 2024),
  streamIds.targets('hc-jy-t1', 2024),
  streamIds.activities('hc-jy', 2024),
  residentReadsStream('hc-jy-1042'),
  reportStream('hc-jy', 2024),
  fundsStream('hc-jy', 2024),
  sealStreamId(2024, 'hc'),
  sealStreamId(2024, 'hc-jy'),
];
const outside = [
  streamIds.resident('hcx-jy-1'),
  streamIds.orgUnit('hcx'),
  streamIds.orgUnit('wd-hc'),
  streamIds.activities('hcx-jy', 2024),
  streamIds.migration('ab'.repeat(32)),
  sealStreamId(2024, 'hcx'),
  'actor-hc-admin',
  'alert-hc-jy-1',
  'ledger-command-hc-1',
];

describe('the district partition', () => {
  it('selects every family a district names, and nothing of another district', () => {
    const test = streamFilterTest(districtStreams('hc'));
    expect(inside.filter((s) => !test(s))).toEqual([]);
    expect(outside.filter(test)).toEqual([]);
    expect(FUNDS_STREAM_PREFIX).toBe('funds-');
  });

  async function partitionSeen(store: EventStore): Promise<string[]> {
    const start = await store.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe((e) => void seen.push(e), {
      after: start,
      streams: districtStreams('hc'),
    });
    const suffix = randomUUID().slice(0, 8);
    const written = [...outside, ...inside].map((s) => `${s}-${suffix}`);
    for (const stream of written)
      await store.append(stream, [{ type: 'Touched', data: {}, occurredAt: '2024-01-01' }], {
        expectedRevision: 'no_stream',
        actor: 'partition-test',
      });
    const deadline = Date.now() + 10_000;
    while (seen.length < inside.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50)); // and nothing more arrives
    await subscription.stop();
    return seen.map((e) => e.streamId);
  }

  it('is filtered by SQLite, in order', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const seen = await partitionSeen(store);
      expect(seen.map((s) => s.replace(/-[0-9a-f]{8}$/, ''))).toEqual(inside);
    } finally {
      await store.close();
    }
  });

  it('is filtered on the server by EventStoreDB (the gRPC test double), in order', async () => {
    const double = await EsdbDouble.start();
    const store = await openEventStore(parseStoreLocation(double.connectionString));
    try {
      const seen = await partitionSeen(store);
      expect(seen.map((s) => s.replace(/-[0-9a-f]{8}$/, ''))).toEqual(inside);
    } finally {
      await store.close();
      await double.close();
    }
  });
});
