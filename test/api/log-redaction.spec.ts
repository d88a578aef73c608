import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ActorAdmin, OPERATOR } from '@libs/access';
import { SqliteEventStore, systemClock } from '@libs/ledger';
import { tempDir } from '../support/temp-dir';

const API_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

/**
 * The built API as it is deployed, its log read from stdout at debug level: a key sent in a
 * query string, in headers other than Authorization and in bodies never reaches the log.
 * Each channel must show up redacted, so the test fails if a channel stops being logged
 * (and would pass vacuously) as well as if a key leaks.
 */
describe('API keys never reach the log', () => {
  const dir = tempDir('ledger-logs');
  const store = `sqlite:${dir.file('ledger.sqlite')}`;
  let key: string;
  let child: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npm run build"`);
    const sqlite = new SqliteEventStore({ path: dir.file('ledger.sqlite') });
    key = (
      await new ActorAdmin(sqlite, systemClock, OPERATOR).add({ name: 'logs', roles: ['admin'] })
    ).key;
    await sqlite.close();
    child = spawn(process.execPath, [API_MAIN], {
      env: {
        ...process.env,
        LEDGER_STORE: store,
        LEDGER_DEMO: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
      },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`API did not start:\n${output}`)), 30_000);
      child.stdout!.on('data', () => {
        const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      });
      child.on('exit', (code) => reject(new Error(`API exited ${code}:\n${output}`)));
    });

    const auth = { authorization: `Bearer ${key}` };
    // 1. Query strings, plain and with the underscore percent-encoded.
    await fetch(`${base}/api/v1/rates?period=2024&key=${key}`, { headers: auth });
    await fetch(`${base}/api/v1/rates?period=2024&token=${key.replace('_', '%5F')}`, {
      headers: auth,
    });
    // 2. Headers other than Authorization.
    await fetch(`${base}/api/v1/rates?period=2024`, {
      headers: { ...auth, 'x-api-key': key, 'x-forwarded-authorization': `Bearer ${key}` },
    });
    // 3. Bodies: quoted back by the JSON parser's error, and as a field name in a refusal.
    const json = { ...auth, 'content-type': 'application/json' };
    await fetch(`${base}/api/v1/commands`, {
      method: 'POST',
      headers: json,
      body: `{"type": ${key}}`,
    });
    await fetch(`${base}/api/v1/commands`, {
      method: 'POST',
      headers: json,
      body: `{"${key}": {"__proto__": 1}}`,
    });
    // 4. A wrong key of the right shape in Authorization: refused, and still not logged.
    await fetch(`${base}/api/v1/rates`, { headers: { authorization: `Bearer ${key}x` } });

    // pino writes asynchronously: a clean shutdown flushes it.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }, 60_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    dir.remove();
  });

  const lines = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('no part of the key is in the output', () => {
    const [, keyId, secret] = /^phl_([0-9a-f]{16})_(.+)$/.exec(key)!;
    expect(output).not.toContain(secret);
    expect(output).not.toContain(secret.slice(0, 12));
    expect(output).not.toContain(keyId);
    // Every "phl_" left in the log is a redaction marker, in any spelling.
    expect(output.match(/phl(_|%5f)(?!\[REDACTED\])/gi)).toBeNull();
  });

  it('the query string was logged, redacted', () => {
    const urls = lines()
      .map((l) => l.req?.url as string | undefined)
      .filter((u) => u?.startsWith('/api/v1/rates?period=2024&'));
    expect(urls).toEqual(
      expect.arrayContaining([
        '/api/v1/rates?period=2024&key=phl_[REDACTED]',
        '/api/v1/rates?period=2024&token=phl_[REDACTED]',
      ]),
    );
  });

  it('the other headers were logged, redacted; Authorization removed', () => {
    const headers = lines()
      .map((l) => l.req?.headers)
      .find((h) => h?.['x-api-key']);
    expect(headers).toMatchObject({
      'x-api-key': 'phl_[REDACTED]',
      'x-forwarded-authorization': 'Bearer phl_[REDACTED]',
      authorization: '[Redacted]',
    });
  });

  it('the bodies quoted in debug lines were logged, redacted', () => {
    const messages = lines().map((l) => String(l.msg ?? ''));
    expect(messages.find((m) => m.includes('MALFORMED_JSON'))).toContain('phl_[REDACTED]');
    expect(messages.find((m) => m.includes('__proto__'))).toContain('phl_[REDACTED].__proto__');
  });
});
