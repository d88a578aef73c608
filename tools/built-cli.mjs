// Runs the built ledger CLI, building first only when a source changed since the last build:
// `npm run ledger -- …` used to run the whole TypeScript build (seconds) on every call.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Written by `npm run build` after tsc and tsc-alias both succeeded (tools/mark-built.mjs).
const STAMP = join(root, 'dist', '.built');
const MAIN = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const SOURCE_DIRS = ['apps', 'libs'];
const CONFIGS = ['tsconfig.base.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time of anything the build reads. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  for (const file of CONFIGS) {
    const path = join(root, file);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync(STAMP) && existsSync(MAIN) ? statSync(STAMP).mtimeMs : 0;
if (newestSource() > built) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The CLI runs in this process, so signals (Ctrl-C during an import) reach it directly.
process.argv = [process.argv[0], MAIN, ...process.argv.slice(2)];
await import(pathToFileURL(MAIN).href);
