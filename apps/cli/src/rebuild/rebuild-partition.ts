import { LedgerModel, LiveFigures, type SavedFigures, catalogForPeriod } from '@libs/indicators';
import {
  type EventStore,
  type LogChainReader,
  type StoreLocation,
  type VerifyReport,
  openEventStore,
  verifyLog,
} from '@libs/ledger';

/** One thread's share of a rebuild: its residents, and the check of their streams. */
export interface PartitionTask {
  store: StoreLocation;
  partition: number;
  partitions: number;
}

/** What a thread learned from reading the log, before the years to keep are chosen. */
export interface PartitionRead {
  report: VerifyReport;
  /** Records per year among this thread's residents. */
  recordYears: [number, number][];
  position: number;
  lastHash: string;
  seconds: number;
}

/** FNV-1a: a stable spread of resident streams over threads, the same in every thread. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Resident streams spread over the threads; every other stream is thread 0's to check. */
export const partitionOf = (streamId: string, partitions: number): number =>
  streamId.startsWith('resident-') ? fnv1a(streamId) % partitions : 0;

/**
 * A thread's part of `ledger rebuild`: it reads the whole log, recomputes the hashes of its own
 * streams (thread 0 also follows the global chain), and builds a model of its own residents
 * with every unit and target sheet. Kept figures are sums over residents, so the threads'
 * books add up to the whole district's.
 */
export class PartitionRebuild {
  private readonly model = new LedgerModel();
  private store?: EventStore;

  constructor(private readonly task: PartitionTask) {}

  async read(): Promise<PartitionRead> {
    const started = performance.now();
    const { partition, partitions } = this.task;
    this.store = await openEventStore(this.task.store);
    let lastHash = '';
    const report = await verifyLog(this.store as EventStore & Partial<LogChainReader>, {
      streams: (streamId) => partitionOf(streamId, partitions) === partition,
      logChain: partition === 0,
      onEvent: (event) => {
        lastHash = event.hash;
        // Every thread's model stands at the same position, whoever's resident the event is.
        this.model.position = event.position;
        if (
          !event.streamId.startsWith('resident-') ||
          partitionOf(event.streamId, partitions) === partition
        )
          this.model.apply(event);
      },
    });
    await this.store.close();
    return {
      report,
      recordYears: [...this.model.recordYears],
      position: this.model.position,
      lastHash,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** The books of the years chosen for the whole log (every thread keeps the same ones). */
  async keep(years: number[], today: string): Promise<SavedFigures> {
    const figures = new LiveFigures(this.model, catalogForPeriod, () => today, 20_000);
    for (const year of years) await figures.keep(year);
    return figures.save()!;
  }
}
