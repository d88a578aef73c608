import type { EventStore } from '@libs/ledger';
import { LedgerModel } from './ledger-model';

/** A full rebuild from position 0, page by page: what an auditor runs. */
export async function buildModel(store: EventStore, pageSize = 5000): Promise<LedgerModel> {
  const model = new LedgerModel();
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return model;
    for (const e of page) model.apply(e);
    after = page[page.length - 1].position;
  }
}
