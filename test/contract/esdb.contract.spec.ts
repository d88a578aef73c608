import { spawnSync } from 'node:child_process';
import { openEventStore, parseStoreLocation } from '@libs/ledger';
import { type ContractFixture, eventStoreContract } from './event-store.contract';

/**
 * The EventStoreDB leg of the contract. It runs against LEDGER_TEST_ESDB_URL when set (e.g.
 * esdb://localhost:2113?tls=false), otherwise against a throw-away KurrentDB container when a
 * container engine answers. With neither, the leg is reported as skipped, with the reason.
 *
 * Jest collects tests synchronously, so the engine probe runs synchronously too: a child Node
 * process asks testcontainers (the same discovery the container start will use) and is killed
 * after a few seconds, so a dead socket can never hang the suite.
 */
const IMAGE =
  process.env.LEDGER_TEST_ESDB_IMAGE ?? 'docker.kurrent.io/kurrent-lts/kurrentdb:25.0.1';
const url = process.env.LEDGER_TEST_ESDB_URL?.trim();

function probeContainerEngine(): { ok: true } | { ok: false; reason: string } {
  const script = `
    const { getContainerRuntimeClient } = require(${JSON.stringify(require.resolve('testcontainers'))});
    getContainerRuntimeClient().then(
      (c) => { console.log(c.info.containerRuntime.serverVersion); process.exit(0); },
      (e) => { console.error(e && e.message ? e.message : String(e)); process.exit(1); });`;
  const probe = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 8_000 });
  if (probe.status === 0) return { ok: true };
  const why =
    probe.error?.message ?? probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`;
  return { ok: false, reason: why || `probe ended by ${probe.signal ?? 'unknown'}` };
}

function fixtureFor(connectionString: string, dispose: () => Promise<void>): ContractFixture {
  const location = parseStoreLocation(connectionString);
  return { open: () => openEventStore(location), dispose, eventIdScope: 'stream' };
}

async function startKurrentDb(): Promise<ContractFixture> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({
      // Insecure and projection-free: a disposable test node, never a deployment. Both prefixes,
      // so LEDGER_TEST_ESDB_IMAGE may name an EventStoreDB 24.x image as well.
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forHttp('/health/live', 2113).forStatusCodeMatching((s) => s >= 200 && s < 300),
    )
    .withStartupTimeout(120_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  return fixtureFor(connectionString, async () => {
    await container.stop();
  });
}

if (url) {
  eventStoreContract('EventStoreDB (LEDGER_TEST_ESDB_URL)', async () =>
    fixtureFor(url, async () => undefined),
  );
} else {
  const engine = probeContainerEngine();
  if (engine.ok) {
    // Pulling and starting the image happens in the suite's beforeAll.
    jest.setTimeout(180_000);
    eventStoreContract(`EventStoreDB (${IMAGE})`, startKurrentDb);
  } else {
    const reason =
      `EventStoreDB contract leg skipped: no Docker engine answered (${engine.reason}) ` +
      'and LEDGER_TEST_ESDB_URL is not set';
    // Straight to stderr: jest does not show console output of a file whose tests all skip.
    process.stderr.write(`\n${reason}\n`);
    describe.skip('EventStore contract: EventStoreDB', () => {
      it.skip(reason, () => undefined);
    });
  }
}
