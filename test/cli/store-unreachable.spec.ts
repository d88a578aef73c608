import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { EsdbDouble } from '../support/esdb-double';
import { type CliResult, runCli } from '../support/run-cli';

/**
 * A store that cannot be reached stops the API and every CLI command at start, with one line
 * saying which store and why, within a bounded time: exit 1 for the API (so a restart-on-failure
 * policy restarts it) and for every CLI command (docs/decisions/0016). Nothing here needs a real
 * server: a closed port, and the gRPC test double refusing every call.
 */
const API_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

function runApi(env: Record<string, string>): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN], {
      env: { ...process.env, LEDGER_DEMO: 'off', PORT: '0', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    // Should it serve instead of stopping, the test fails on its exit code, not on a hang.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('a store that cannot be reached', () => {
  let double: EsdbDouble;
  let closed: string;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    double.refuse(true);
    closed = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
  });
  afterAll(async () => {
    await double?.close();
  });

  it('stops the API with exit 1 and the reason when nothing listens', async () => {
    const run = await runApi({ LEDGER_STORE: closed, LEDGER_STORE_CONNECT_TIMEOUT_MS: '5000' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /ledger api could not start: EventStoreDB at 127\.0\.0\.1:\d+ did not answer \(unavailable\)/,
    );
  });

  it('stops the API with exit 1 when the server refuses every call', async () => {
    const run = await runApi({
      LEDGER_STORE: double.connectionString,
      LEDGER_STORE_CONNECT_TIMEOUT_MS: '3000',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ledger api could not start: EventStoreDB at 127\.0\.0\.1:\d+/);
    expect(run.ms).toBeLessThan(25_000); // bounded: the timeout, not the client's own retries
  });

  it('stops the API with exit 1 on a setting it would otherwise ignore, listing what is supported', async () => {
    const run = await runApi({ LEDGER_STORE: `${closed}&tlsCaFiel=ca.pem` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown setting "tlsCaFiel".*Supported settings: tls, tlsCAFile/);
  });

  it('stops a CLI command with exit 1 and the reason when nothing listens on the port', async () => {
    const started = Date.now();
    const run = await runCli(['verify'], {
      LEDGER_STORE: closed,
      LEDGER_STORE_CONNECT_TIMEOUT_MS: '3000',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ledger: EventStoreDB at 127\.0\.0\.1:\d+ did not answer/);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it.each([
    ['verify', []],
    ['replay', ['--period', '2024']],
    ['trail', ['--resident', 'hc-x-1']],
    ['import', ['/dev/null']],
  ])('stops `ledger %s` with the reason and exit 1, as the API', async (command, args) => {
    const run = await runCli([command, ...args], {
      LEDGER_STORE: double.connectionString,
      LEDGER_STORE_CONNECT_TIMEOUT_MS: '3000',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EventStoreDB at 127\.0\.0\.1:\d+/);
  });
});
