import { openEventStore, parseStoreLocation, type EventStore, systemClock } from '@libs/ledger';
import { StreamStateCache, executeCommand } from '@libs/records';
import { EsdbDouble } from '../support/esdb-double';

/**
 * What one command costs on EventStoreDB, counted at the gRPC boundary of the test double: the
 * same for the 2nd command of a stream as for its 200th (no read grows with the stream), and
 * within the budget of docs/decisions/0016: the stream's tip and the command-id claim read
 * together, the claim written, the events appended.
 */
describe('gRPC calls per command on the EventStoreDB adapter (test double)', () => {
  let double: EsdbDouble;
  let store: EventStore;
  const states = new StreamStateCache();
  const ctx = () => ({ store, clock: systemClock, actor: 'calls-test', states });
  const rename = (i: number) => ({
    type: 'RenameOrgUnit',
    commandId: `rename-${i}`,
    unitId: 'hc-calls',
    name: `测试中心 ${i}`,
    occurredAt: '2024-03-01',
  });
  const callsOf = async (command: unknown) => {
    double.resetCalls();
    await executeCommand(command, ctx());
    return Object.fromEntries(double.calls);
  };

  beforeAll(async () => {
    double = await EsdbDouble.start();
    store = await openEventStore(parseStoreLocation(double.connectionString));
    await executeCommand(
      {
        type: 'RegisterOrgUnit',
        commandId: 'register-calls',
        unitId: 'hc-calls',
        name: '测试中心',
        kind: 'community_centre',
        occurredAt: '2020-01-01',
      },
      ctx(),
    );
  });
  afterAll(async () => {
    await store?.close();
    await double?.close();
  });

  it('costs the same for the 2nd and the 200th command of a stream: 2 reads, 2 appends', async () => {
    const second = await callsOf(rename(1));
    for (let i = 2; i < 200; i += 1) await executeCommand(rename(i), ctx());
    const twoHundredth = await callsOf(rename(200));
    expect(second).toEqual({ 'Streams.Read': 2, 'Streams.BatchAppend': 2 });
    expect(twoHundredth).toEqual(second);
    expect((await store.readStream('orgunit-hc-calls')).length).toBe(201);
  });

  it('answers a repeated command from the claim, writing nothing', async () => {
    const again = await callsOf(rename(200));
    expect(again['Streams.BatchAppend'] ?? 0).toBe(0);
    expect((await store.readStream('orgunit-hc-calls')).length).toBe(201);
  });
});
