import { type EventStore, logPages } from '@libs/ledger';
import { LedgerModel } from './ledger-model';

/** A full rebuild from position 0, page by page: what an auditor runs. */
export async function buildModel(store: EventStore, pageSize = 5000): Promise<LedgerModel> {
  const model = new LedgerModel();
  for await (const page of logPages(store, { pageSize })) for (const e of page) model.apply(e);
  return model;
}
