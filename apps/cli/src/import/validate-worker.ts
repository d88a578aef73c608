import 'reflect-metadata';
import { workerData } from 'node:worker_threads';
import { serveToParent } from '@libs/ledger';
import { type ItemSource, validatedItems } from './validated-items';

// The import's reading half on its own thread: lines read, parsed and validated on request.
serveToParent(validatedItems(workerData as ItemSource)[Symbol.asyncIterator]());
