import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@libs/ledger';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
  const path = join(dir, 'ledger.sqlite');
  return {
    open: async () => new SqliteEventStore({ path }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
