import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError } from 'commander';
import { type FoundDraft, findDrafts, placeDrafts } from '@libs/fabrication/alerts/run-detection';
import { eventsByCommand } from '@libs/fabrication/scoring/score';
import { LedgerError, type StoreLocation, openEventStore } from '@libs/ledger';
import { messages } from '../text/lang';

/** What a detection run's worker thread is asked: a period of a store, as of today. */
export interface DraftsTask {
  store: StoreLocation;
  period: number;
  today: string;
  /** Only drafts about this unit's subtree are in scope. */
  unit?: string;
  /** Command ids whose first event id the caller wants (detect-score's planted commands). */
  commands?: string[];
}

export interface DraftsReply {
  events: number;
  found: FoundDraft[];
  /** commandId → the first event it appended, for the commands asked. */
  commandEvents: [string, string][];
}

/** The scan and the detectors, on whichever thread runs this. */
export async function draftsFor(task: DraftsTask): Promise<DraftsReply> {
  const store = await openEventStore(task.store);
  try {
    const wanted = new Set(task.commands ?? []);
    const asked: { commandId: string | null; eventId: string }[] = [];
    const { drafts, scan } = await findDrafts(store, {
      period: task.period,
      today: task.today,
      unit: task.unit,
      observe: (e) => {
        if (e.commandId !== null && wanted.has(e.commandId))
          asked.push({ commandId: e.commandId, eventId: e.eventId });
      },
    });
    return {
      events: scan.events,
      found: placeDrafts(scan, drafts, task.unit),
      commandEvents: [...eventsByCommand(asked)],
    };
  } finally {
    await store.close();
  }
}

const WORKER = join(__dirname, 'drafts-worker.js');

/** The detection thread ran out of its heap: a known limit, said in one line. */
export class HeapBudgetError extends LedgerError {
  readonly code = 'HEAP_BUDGET_EXCEEDED';
}

/**
 * The heap a detection run may use, in MB, unless `--heap-mb` says otherwise. A district year's
 * view of the log is about 350 MB and the detectors work beside it; left to grow, V8 took the
 * run to about 1 GB of resident memory by collecting late, and the budget is 1 GB in all.
 * 640 MB held until the view also kept each resident's registration and household (duplicate
 * registrations, with and without ID numbers); at 720 MB the district year ran at 866 MB RSS.
 */
export const DEFAULT_HEAP_MB = 720;
export const heapHelp = (): string =>
  messages({
    zh: '检测线程的堆内存（MB）；更大的区可能需要更多',
    en: 'heap of the detection thread in MB; a larger district may need more',
  });

export function heapMbArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 64)
    throw new InvalidArgumentError('须为不小于 64 的整数 MB / a whole number of MB, 64 or more');
  return n;
}

/**
 * draftsFor on a worker thread whose old generation is capped at `heapMb`: the collector works
 * within the budget instead of letting the heap grow, and a district that needs more fails with
 * a message that says so rather than taking the machine's memory.
 */
export function draftsOnWorker(task: DraftsTask, heapMb = DEFAULT_HEAP_MB): Promise<DraftsReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: task,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    worker.once('message', (m: { reply?: DraftsReply; error?: string }) => {
      settled = true;
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m.reply!);
      void worker.terminate();
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settled = true;
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new HeapBudgetError(
              `detection needed more than its heap of ${heapMb} MB for this log; run it again with a larger --heap-mb`,
            )
          : error,
      );
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the detection thread stopped (exit code ${code})`));
    });
  });
}
