import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines, type Line } from './read-lines';

describe('readLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function linesOf(
    content: string | Buffer,
    maxLineBytes: number,
    chunkBytes: number,
  ): Promise<Line[]> {
    const path = join(dir, 'input');
    writeFileSync(path, content);
    const lines: Line[] = [];
    for await (const line of readLines(path, maxLineBytes, chunkBytes)) lines.push(line);
    return lines;
  }

  const content = '\ufeffalpha\r\n\nbéta 中文\n' + 'x'.repeat(50) + '\nlast';

  it.each([1, 2, 3, 7, 64, 1024])(
    'splits lines the same way whatever the chunk size (%i bytes)',
    async (chunk) => {
      const lines = await linesOf(content, 20, chunk);
      expect(lines.map((l) => [l.number, l.text, l.tooLong])).toEqual([
        [1, 'alpha', false],
        [2, '', false],
        [3, 'béta 中文', false],
        [4, 'x'.repeat(20), true],
        [5, 'last', false],
      ]);
      const size = Buffer.byteLength(content);
      expect(lines.map((l) => l.bytesRead)).toEqual([
        Buffer.byteLength('\ufeffalpha\r\n'),
        Buffer.byteLength('\ufeffalpha\r\n\n'),
        Buffer.byteLength('\ufeffalpha\r\n\nbéta 中文\n'),
        size - 'last'.length,
        size,
      ]);
    },
  );

  it('yields nothing for an empty file and no extra line after a final line break', async () => {
    expect(await linesOf('', 10, 4)).toEqual([]);
    expect((await linesOf('a\nb\n', 10, 4)).map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('cuts an over-long last line without a line break', async () => {
    const [line] = await linesOf('y'.repeat(100), 10, 8);
    expect(line).toEqual({ number: 1, text: 'y'.repeat(10), bytesRead: 100, tooLong: true });
  });
});
