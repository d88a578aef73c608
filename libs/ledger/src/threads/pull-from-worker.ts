import { type ResourceLimits, parentPort, Worker } from 'node:worker_threads';

/** Items per message: large enough that messaging costs little, small enough to stay constant. */
const CHUNK_ITEMS = 500;
/** Chunks asked for ahead of the one in use: enough to keep both threads busy. */
const CHUNKS_AHEAD = 2;

interface Chunk<T> {
  items: T[];
  done: boolean;
  /** The producing side failed: the consumer stops with this message. */
  error?: string;
  /** The same failure in Chinese, when the error carried it (`messageZh`). */
  errorZh?: string;
}

/** Thrown on the consuming side when the worker's producer failed or the thread stopped. */
export class WorkerSourceError extends Error {
  constructor(
    message: string,
    /** The producer's error in Chinese, when it had one: only text crosses between threads. */
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

/**
 * The items a worker thread produces (see serveToParent), pulled a chunk at a time: the worker
 * works only as far ahead as CHUNKS_AHEAD, so memory stays constant however long the sequence.
 * Stopping early (break, return) terminates the worker.
 */
export async function* pullFromWorker<T>(
  script: string,
  workerData: unknown,
  /** e.g. a small heap for a worker that holds only a chunk or two, so it collects instead of growing. */
  resourceLimits?: ResourceLimits,
): AsyncGenerator<T> {
  const worker = new Worker(script, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
  // The worker must never keep the process alive on its own, e.g. after an interrupted run.
  worker.unref();
  const waiting: { resolve(chunk: Chunk<T>): void; reject(error: unknown): void }[] = [];
  const failAll = (error: unknown) => {
    for (const w of waiting.splice(0)) w.reject(error);
  };
  worker.on('message', (chunk: Chunk<T>) => waiting.shift()?.resolve(chunk));
  worker.on('error', failAll);
  worker.on('exit', (code) =>
    failAll(new WorkerSourceError(`the worker thread stopped (exit code ${code})`)),
  );
  const ask = () =>
    new Promise<Chunk<T>>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage('more');
    });
  const ahead: Promise<Chunk<T>>[] = [];
  for (let i = 0; i < CHUNKS_AHEAD; i += 1) ahead.push(ask());
  try {
    for (;;) {
      const chunk = await ahead.shift()!;
      if (chunk.error === undefined && !chunk.done) ahead.push(ask());
      yield* chunk.items;
      if (chunk.error !== undefined) throw new WorkerSourceError(chunk.error, chunk.errorZh);
      if (chunk.done) return;
    }
  } finally {
    // Chunks still in flight are dropped with the worker; none of theirs was handed out.
    for (const pending of ahead) pending.catch(() => undefined);
    await worker.terminate();
  }
}

/**
 * The worker's side: hands the parent the next chunk of `items` each time it asks. Items are
 * produced only on request, so the worker never runs far ahead of its consumer.
 */
export function serveToParent<T>(items: AsyncIterator<T> | Iterator<T>): void {
  const port = parentPort;
  if (!port) throw new Error('serveToParent runs in a worker thread');
  let turn = Promise.resolve();
  port.on('message', () => {
    turn = turn.then(async () => {
      const chunk: Chunk<T> = { items: [], done: false };
      try {
        while (chunk.items.length < CHUNK_ITEMS) {
          const next = await items.next();
          if (next.done) {
            chunk.done = true;
            break;
          }
          chunk.items.push(next.value);
        }
      } catch (error) {
        chunk.error = (error as Error).message ?? String(error);
        const zh = (error as { messageZh?: unknown }).messageZh;
        if (typeof zh === 'string') chunk.errorZh = zh;
      }
      port.postMessage(chunk);
    });
  });
}
