import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (npm test builds first). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run "npm run build" first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * stderr without the import's progress lines (in either language), which it prints every 2 s when a run takes longer
 * (on a busy machine, any run may): what is left is what a spec means by "nothing on stderr".
 */
export const withoutProgress = (stderr: string): string =>
  stderr
    .split('\n')
    .filter(
      (line) =>
        line !== '' &&
        !/^import: [\d,]+ (lines|rows), /.test(line) &&
        !/^import：已处理 /.test(line),
    )
    .join('\n');
