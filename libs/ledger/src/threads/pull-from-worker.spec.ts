import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkerSourceError, pullFromWorker } from './pull-from-worker';

// A worker runs compiled JavaScript: this one serves numbers through the built module
// (npm test builds first), counting what it produced in a shared counter.
const BUILT = resolve(__dirname, '../../../../dist/libs/ledger/src/threads/pull-from-worker.js');

describe('pullFromWorker', () => {
  let dir: string;
  let script: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pull-worker-'));
    script = join(dir, 'numbers.js');
    writeFileSync(
      script,
      `const { workerData } = require('node:worker_threads');
       const { serveToParent } = require(${JSON.stringify(BUILT)});
       const produced = new Int32Array(workerData.counter);
       function* numbers() {
         for (let i = 0; i < workerData.count; i += 1) {
           if (i === workerData.failAt)
             throw Object.assign(new Error('source broke at ' + i), { messageZh: '来源在第 ' + i + ' 项出错' });
           Atomics.add(produced, 0, 1);
           yield i;
         }
       }
       serveToParent(numbers());`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (count: number, failAt = -1) => {
    const counter = new SharedArrayBuffer(4);
    return {
      produced: () => Atomics.load(new Int32Array(counter), 0),
      items: pullFromWorker<number>(script, { count, failAt, counter }),
    };
  };

  it('hands over every item in order', async () => {
    const seen: number[] = [];
    for await (const n of run(2_345).items) seen.push(n);
    expect(seen).toEqual(Array.from({ length: 2_345 }, (_, i) => i));
  });

  it('hands over the items before a failure, then throws its message', async () => {
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of run(2_000, 1_200).items) seen.push(n);
      })(),
    ).rejects.toThrow(new WorkerSourceError('source broke at 1200'));
    expect(seen).toEqual(Array.from({ length: 1_200 }, (_, i) => i));
  });

  it('carries the failure in Chinese too, when the producer said it', async () => {
    const failure = await (async () => {
      for await (const _ of run(2_000, 700).items);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkerSourceError);
    expect(failure).toMatchObject({
      message: 'source broke at 700',
      messageZh: '来源在第 700 项出错',
    });
  });

  it('produces only a few chunks ahead of its consumer, however long the source', async () => {
    const source = run(1_000_000);
    const first = await source.items.next();
    expect(first.value).toBe(0);
    // Whatever the worker could do while the consumer waits, it stops after the chunks asked for.
    await new Promise((r) => setTimeout(r, 300));
    expect(source.produced()).toBeLessThanOrEqual(3 * 500);
    await source.items.return(undefined);
  });
});
