import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

/**
 * The seed's own refusals speak Chinese by default, with the English after " / " (the same
 * facts), and English alone with --lang en, as every other CLI error does.
 */
describe('seed refusals in both languages', () => {
  it('says --emit-source-times needs --emit', async () => {
    const zh = await runCli(['seed', '--emit-source-times']);
    expect(zh.code).not.toBe(0);
    expect(zh.stderr).toContain('--emit-source-times 须与 --emit <文件> 一起使用');
    expect(zh.stderr).toContain('--emit-source-times needs --emit <file>');
    const en = await runCli(['--lang', 'en', 'seed', '--emit-source-times']);
    expect(en.code).toBe(zh.code);
    expect(en.stderr).toContain('--emit-source-times needs --emit <file>');
    expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('says which file it cannot write, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-messages-'));
    // A folder where the file should go: the write fails whatever the user's rights.
    const target = join(dir, 'out.ndjson');
    mkdirSync(target);
    const zh = await runCli(['seed', '--year', '2024', '--emit', target]);
    expect(zh.code).not.toBe(0);
    expect(zh.stderr).toContain(`无法写入 ${target}：`);
    expect(zh.stderr).toContain(`cannot write ${target}: `);
  });
});
