import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'tools', 'built-cli.mjs');
const STAMP = join(ROOT, 'dist', '.built');

const run = (...args: string[]) =>
  spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run ledger (tools/built-cli.mjs)', () => {
  it('runs the built CLI without building again when no source changed', () => {
    const before = statSync(STAMP).mtimeMs;
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('用法： ledger');
    expect(statSync(STAMP).mtimeMs).toBe(before);
  });

  it("passes the CLI's exit status through", () => {
    const result = run('check-seal', join(ROOT, 'no-such-seal.json'));
    expect(result.status).toBe(2);
  });

  it('builds first when a source is newer than the last build', () => {
    // An old stamp stands for an edit made since: no source file is touched.
    const old = new Date(Date.now() - 24 * 3600_000);
    utimesSync(STAMP, old, old);
    const result = run('--help', '--lang', 'en');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: ledger');
    expect(statSync(STAMP).mtimeMs).toBeGreaterThan(old.getTime() + 3600_000);
  }, 180_000);
});
