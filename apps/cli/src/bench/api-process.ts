import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';
import { peakRssOf } from './ledger-child';

export const API_MAIN = join(__dirname, '..', '..', '..', 'api', 'src', 'main.js');
/**
 * The flags `npm start` and the container give the API (package.json, Dockerfile): a young
 * generation of 64 MB instead of 16, so the short-lived figures made for every live delta die
 * young instead of being promoted into a heap of gigabytes, whose collections stalled the event
 * loop (on the district, delta p50 190 → 149 ms and /health p99 164 → 127 ms in one probe).
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=64'];

/** The built API as its own process on loopback, with its stderr tail and peak RSS kept. */
export interface ApiProcess {
  api: ChildProcess;
  base: string;
  /** Performance-clock time of the spawn. */
  started: number;
  stderrTail(): string;
  peakRssBytes(): number | undefined;
  /** Stops the RSS polling (the process itself is stopped with `stop`). */
  release(): void;
}

export async function startApiProcess(storePath: string, logLevel: string): Promise<ApiProcess> {
  const port = await freePort();
  const started = performance.now();
  const api = spawn(process.execPath, [...API_NODE_FLAGS, API_MAIN], {
    env: {
      ...process.env,
      LEDGER_STORE: `sqlite:${storePath}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LEDGER_DEMO: 'off',
      LOG_LEVEL: logLevel,
    },
    // The request log goes to /dev/null: written and formatted as in production, never read.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  api.stderr!.setEncoding('utf8').on('data', (d: string) => {
    tail = (tail + d).slice(-4000);
  });
  let peak: number | undefined;
  const rssPoll = setInterval(() => (peak = peakRssOf(api.pid!) ?? peak), 500);
  return {
    api,
    base: `http://127.0.0.1:${port}`,
    started,
    stderrTail: () => tail,
    peakRssBytes: () => peak,
    release: () => clearInterval(rssPoll),
  };
}
