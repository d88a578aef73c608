import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { type DraftsTask, draftsFor } from './drafts-task';

// A detection run's thread: read the log, run the detectors, hand the drafts back.
draftsFor(workerData as DraftsTask)
  .then((reply) => parentPort!.postMessage({ reply }))
  .catch((error: Error) => parentPort!.postMessage({ error: error.message }));
