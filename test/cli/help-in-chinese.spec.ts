import { runCli } from '../support/run-cli';

const CJK = /[\u4e00-\u9fff]/;

/** Option entries of a help text: a line starting with "  -", with the lines wrapped under it. */
function optionEntries(help: string): string[] {
  const entries: string[] = [];
  for (const line of help.split('\n')) {
    if (/^ {2}-/.test(line)) entries.push(line);
    else if (/^ {6,}\S/.test(line) && entries.length > 0) entries[entries.length - 1] += line;
    else if (line.trim() === '' || !line.startsWith(' ')) entries.push('');
  }
  return entries.filter((e) => e !== '');
}

/**
 * Every command a supervisor or auditor can type explains itself in Chinese by default: its
 * description and each of its options (point 8 of the supervisor's-day issue).
 */
describe('help in Chinese for every command', () => {
  let commands: string[] = [];

  beforeAll(async () => {
    const { stdout } = await runCli(['--help']);
    const listed = stdout.split('命令：')[1] ?? '';
    commands = [...listed.matchAll(/^ {2}([a-z][a-z-]*)/gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
  });

  it('lists the commands', () => {
    expect(commands).toEqual(
      expect.arrayContaining(['import', 'replay', 'erase-resident', 'bench']),
    );
    expect(commands.length).toBeGreaterThan(15);
  });

  it('describes each command and each of its options in Chinese', async () => {
    const english: string[] = [];
    for (const command of commands) {
      const { stdout, code } = await runCli([command, '--help']);
      expect([command, code]).toEqual([command, 0]);
      const description = stdout.split('选项：')[0].split('\n').slice(1).join(' ');
      if (!CJK.test(description)) english.push(`${command}: ${description.trim()}`);
      for (const entry of optionEntries(stdout.split('选项：')[1] ?? ''))
        if (!CJK.test(entry)) english.push(`${command} ${entry.trim()}`);
    }
    expect(english).toEqual([]);
  }, 120_000);
});
