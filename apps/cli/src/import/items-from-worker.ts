import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerSourceError, pullFromWorker } from '@libs/ledger';
import { ImportFatalError } from './import-errors';
import type { ImportItem } from './import-item';
import { type ItemSource, validatedItems } from './validated-items';

const WORKER_SCRIPT = join(__dirname, 'validate-worker.js');

/**
 * The reader holds a chunk or two of lines (each at most 1 MiB): a small heap makes it collect
 * instead of growing, which keeps the import's peak memory near the main thread's own.
 */
const READER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/**
 * The import's reading half — reading, parsing and validating lines — on a worker thread, so
 * the main thread only decides and appends: on two cores the two halves run at once. Where the
 * compiled worker is absent (sources run directly, as in unit tests), the same generator runs inline.
 */
export function validatedItemsOf(source: ItemSource): AsyncGenerator<ImportItem> {
  return existsSync(WORKER_SCRIPT) ? fromWorker(source) : validatedItems(source);
}

async function* fromWorker(source: ItemSource): AsyncGenerator<ImportItem> {
  try {
    yield* pullFromWorker<ImportItem>(WORKER_SCRIPT, source, READER_LIMITS);
  } catch (error) {
    if (error instanceof WorkerSourceError)
      throw new ImportFatalError(error.message, error.messageZh);
    throw error;
  }
}
