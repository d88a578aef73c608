import { openEventStore, parseStoreLocation } from '@libs/ledger';
import { EsdbDouble } from '../support/esdb-double';
import { eventStoreContract } from './event-store.contract';

/**
 * The EventStoreDB adapter against the gRPC TEST DOUBLE: an in-process stand-in that speaks the
 * client's protocol for the calls the adapter makes (test/support/esdb-double), not a server.
 * It proves the adapter's logic and its use of the client here, where no server can run; the
 * real-server leg (esdb.contract.spec.ts) runs wherever LEDGER_TEST_ESDB_URL or Docker exists.
 * Both append paths of the client are covered: BatchAppend (what servers offer) and plain Append.
 */
for (const batchAppend of [true, false]) {
  eventStoreContract(
    `EventStoreDB adapter on the gRPC test double (not a server; ${batchAppend ? 'BatchAppend' : 'Append'} path)`,
    async () => {
      const double = await EsdbDouble.start({ batchAppend });
      return {
        open: () => openEventStore(parseStoreLocation(double.connectionString)),
        dispose: () => double.close(),
        eventIdScope: 'stream',
      };
    },
  );
}
