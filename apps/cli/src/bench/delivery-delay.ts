import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { SqliteEventStore } from '@libs/ledger';
import { positiveInt } from './bench-options';
import { sampleEvent } from './store-appends';

/**
 * Commit-to-delivery delay across processes: a child process appends to the file, this process
 * subscribes and times each delivery against the event's recordedAt.
 */
export async function crossProcessDelays(path: string, count: number): Promise<number[]> {
  const store = new SqliteEventStore({ path });
  const delays: number[] = [];
  try {
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
      { stdio: 'inherit' },
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
  } finally {
    await store.close();
  }
}

/** The other process of the delivery benchmark (hidden). */
export function benchAppendCommand(): Command {
  return new Command('bench-append')
    .requiredOption('--path <file>')
    .option('--count <n>', 'appends', positiveInt, 200)
    .action(async (o: { path: string; count: number }) => {
      const store = new SqliteEventStore({ path: o.path });
      for (let i = 0; i < o.count; i += 1) {
        await store.append(`remote-${i}`, [sampleEvent(i)], {
          expectedRevision: 'no_stream',
          actor: 'bench',
        });
        // Spaced out, so each delivery is timed on its own rather than as part of a burst.
        await new Promise((r) => setTimeout(r, 7 + (i % 5)));
      }
      await store.close();
    });
}
