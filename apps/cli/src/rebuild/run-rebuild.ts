import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type SavedFigures, busyYears } from '@libs/indicators';
import type { StoreLocation, VerifyReport } from '@libs/ledger';
import { mergeFigures } from './merge-figures';
import { type PartitionRead, PartitionRebuild } from './rebuild-partition';

const WORKER = join(__dirname, 'rebuild-worker.js');

export interface RebuildResult {
  intact: boolean;
  /** The first problem a thread found, if any. */
  problem?: VerifyReport['problem'];
  events: number;
  threads: number;
  /** Whether the threads ran as worker threads (else one after another, in this thread). */
  parallel: boolean;
  years: number[];
  readSeconds: number;
  totalSeconds: number;
  figures?: SavedFigures;
  lastHash: string;
}

/** One partition's two steps, on a worker thread or here. */
interface Partition {
  read(): Promise<PartitionRead>;
  keep(years: number[], today: string): Promise<SavedFigures>;
  close(): Promise<void>;
}

function onWorker(task: {
  store: StoreLocation;
  partition: number;
  partitions: number;
}): Partition {
  const worker = new Worker(WORKER, { workerData: task });
  const next = <T>(key: 'read' | 'figures') =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { read?: PartitionRead; figures?: SavedFigures; error?: string }) => {
        worker.off('error', reject);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m[key] as T);
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
  const read = next<PartitionRead>('read');
  return {
    read: () => read,
    keep: (years, today) => {
      const figures = next<SavedFigures>('figures');
      worker.postMessage({ years, today });
      return figures;
    },
    close: async () => void (await worker.terminate()),
  };
}

function inline(task: { store: StoreLocation; partition: number; partitions: number }): Partition {
  const rebuild = new PartitionRebuild(task);
  return {
    read: () => rebuild.read(),
    keep: (years, today) => rebuild.keep(years, today),
    close: async () => undefined,
  };
}

/**
 * Every kept figure recomputed from position 0, the log checked on the way: the resident
 * streams spread over threads (each reads the log, checks and models its own residents), then
 * the years to keep chosen from all threads' records, kept by each, and the books added up.
 * Without the compiled worker (sources run directly, as in unit tests) the partitions run one
 * after another in this thread, with the same result.
 */
export async function runRebuild(o: {
  store: StoreLocation;
  threads: number;
  today: string;
}): Promise<RebuildResult> {
  const started = performance.now();
  const parallel = o.threads > 1 && existsSync(WORKER);
  const partitions = Array.from({ length: o.threads }, (_, partition) =>
    (parallel ? onWorker : inline)({ store: o.store, partition, partitions: o.threads }),
  );
  try {
    // Inline partitions run one after another: each holds only its own residents meanwhile.
    const reads: PartitionRead[] = [];
    if (parallel) reads.push(...(await Promise.all(partitions.map((p) => p.read()))));
    else for (const p of partitions) reads.push(await p.read());
    const readSeconds = (performance.now() - started) / 1000;
    const broken = reads.find((r) => !r.report.intact);
    const events = reads[0].report.headPosition;
    if (broken)
      return {
        intact: false,
        problem: broken.report.problem,
        events,
        threads: o.threads,
        parallel,
        years: [],
        readSeconds,
        totalSeconds: readSeconds,
        lastHash: '',
      };
    const counts = new Map<number, number>();
    for (const r of reads)
      for (const [year, n] of r.recordYears) counts.set(year, (counts.get(year) ?? 0) + n);
    const years = busyYears(counts, Number(o.today.slice(0, 4)));
    const parts = await Promise.all(partitions.map((p) => p.keep(years, o.today)));
    return {
      intact: true,
      events,
      threads: o.threads,
      parallel,
      years,
      readSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      figures: mergeFigures(parts),
      lastHash: reads[0].lastHash,
    };
  } finally {
    await Promise.all(partitions.map((p) => p.close()));
  }
}
