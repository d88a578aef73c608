import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { PartitionRebuild, type PartitionTask } from './rebuild-partition';

// One thread of `ledger rebuild`: read and check its share, then keep the years it is told.
const rebuild = new PartitionRebuild(workerData as PartitionTask);
const port = parentPort!;
port.once('message', (message: { years: number[]; today: string }) => {
  rebuild
    .keep(message.years, message.today)
    .then((figures) => port.postMessage({ figures }))
    .catch((error: Error) => port.postMessage({ error: error.message }));
});
rebuild
  .read()
  .then((read) => port.postMessage({ read }))
  .catch((error: Error) => port.postMessage({ error: error.message }));
