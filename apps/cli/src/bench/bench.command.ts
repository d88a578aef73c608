import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { SqliteEventStore, type NewEvent } from '@libs/ledger';
import { round, summarise } from './latency';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
};

const sample = (i: number): NewEvent => ({
  type: 'FollowUpRecorded',
  occurredAt: '2024-03-05',
  data: {
    residentId: `r-${i}`,
    condition: 'hypertension',
    systolic: 128 + (i % 20),
    diastolic: 82,
    mode: 'face_to_face_clinic',
  },
});

/** Throughput of batched and single appends, and subscription delay, on a scratch SQLite file. */
export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'measure SQLite append throughput and subscription delivery delay (scratch file, not your store)',
    )
    .option('--events <n>', 'events to append in batches', positiveInt, 100_000)
    .option('--batch <n>', 'events per append', positiveInt, 100)
    .option('--singles <n>', 'single-event appends (one command each)', positiveInt, 5_000)
    .option(
      '--deliveries <n>',
      'appends from another process timed until delivery',
      positiveInt,
      200,
    )
    .action(async (o: { events: number; batch: number; singles: number; deliveries: number }) => {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
      const path = join(dir, 'bench.sqlite');
      const store = new SqliteEventStore({ path });
      try {
        let started = performance.now();
        for (let i = 0; i < o.events; i += o.batch) {
          const size = Math.min(o.batch, o.events - i);
          const batch = Array.from({ length: size }, (_, k) => sample(i + k));
          await store.append(`resident-${i / o.batch}`, batch, {
            expectedRevision: 'no_stream',
            actor: 'bench',
          });
        }
        const batched = o.events / ((performance.now() - started) / 1000);
        started = performance.now();
        for (let i = 0; i < o.singles; i += 1) {
          await store.append(`single-${i}`, [sample(i)], {
            expectedRevision: 'no_stream',
            actor: 'bench',
            commandId: `c-${i}`,
          });
        }
        const singles = o.singles / ((performance.now() - started) / 1000);
        const delays = await crossProcessDelays(store, path, o.deliveries);
        const report = {
          batchedAppend: {
            events: o.events,
            batchSize: o.batch,
            eventsPerSecond: Math.round(batched),
          },
          singleAppend: { appends: o.singles, appendsPerSecond: Math.round(singles) },
          crossProcessDeliveryMs: Object.fromEntries(
            Object.entries(summarise(delays)).map(([k, v]) => [k, round(v)]),
          ),
          targetDeliveryMs: 50,
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
}

/** A child process appends; this one subscribes and times commit-to-delivery from recordedAt. */
async function crossProcessDelays(
  store: SqliteEventStore,
  path: string,
  count: number,
): Promise<number[]> {
  const delays: number[] = [];
  const after = await store.headPosition();
  const subscription = store.subscribe(
    (e) => {
      if (e.streamId.startsWith('remote-')) delays.push(Date.now() - Date.parse(e.recordedAt));
    },
    { after },
  );
  const child = spawn(
    process.execPath,
    [process.argv[1], 'bench-append', '--path', path, '--count', String(count)],
    {
      stdio: 'inherit',
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench writer exited ${code}`)),
    );
  });
  const deadline = Date.now() + 5_000;
  while (delays.length < count && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  await subscription.stop();
  return delays;
}

/** The other process of the delivery benchmark. */
export function benchAppendCommand(): Command {
  return new Command('bench-append')
    .requiredOption('--path <file>')
    .option('--count <n>', 'appends', positiveInt, 200)
    .action(async (o: { path: string; count: number }) => {
      const store = new SqliteEventStore({ path: o.path });
      for (let i = 0; i < o.count; i += 1) {
        await store.append(`remote-${i}`, [sample(i)], {
          expectedRevision: 'no_stream',
          actor: 'bench',
        });
        await new Promise((r) => setTimeout(r, 7 + (i % 5)));
      }
      await store.close();
    });
}
