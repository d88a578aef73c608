import { useLang } from '../text/lang';
import { ImportProgress } from './import-progress';

/** The plain progress line (no terminal), as written 2 s into a run, in each language. */
function lineAfterTwoSeconds(): string {
  let now = 0;
  const clock = jest.spyOn(performance, 'now').mockImplementation(() => now);
  const written: string[] = [];
  const out = { isTTY: false, write: (text: string) => written.push(text) };
  try {
    const progress = new ImportProgress(1000, 'rows', out as unknown as NodeJS.WriteStream);
    progress.start();
    now = 2500;
    progress.update(1200, 250);
    return written.join('');
  } finally {
    clock.mockRestore();
  }
}

describe('import progress on a pipe', () => {
  afterEach(() => useLang('zh'));

  it('speaks Chinese by default', () => {
    useLang('zh');
    expect(lineAfterTwoSeconds()).toBe(
      'import：已处理 1,200 行，每秒 480 行，已读文件的 25%，预计剩余 8s\n',
    );
  });

  it('keeps its English words with --lang en, which scripts and the bench read', () => {
    useLang('en');
    expect(lineAfterTwoSeconds()).toBe('import: 1,200 rows, 480 rows/s, 25% of the file, ETA 8s\n');
  });
});
