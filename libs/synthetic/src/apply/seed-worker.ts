import 'reflect-metadata';
import { workerData } from 'node:worker_threads';
import { serveToParent } from '@libs/ledger';
import type { SeedOptions } from '../generate-seed';
import { seedItems } from './seed-items';

// The seed's generating and validating half on its own thread, a chunk at a time on request.
serveToParent(seedItems(workerData as SeedOptions));
