import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { unlink } from 'node:fs/promises';
import { ImportFatalError } from './import-errors';
import type { RejectEntry, RejectSink } from '@libs/commands/sheets';

export type { RejectEntry, RejectSink };

/** `FILE.rejects.ndjson`: one JSON object per rejected line, recreated by every run. */
export class RejectsWriter implements RejectSink {
  count = 0;
  private failure: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => (this.failure = error));
  }

  /** Truncates (or creates) the file now, so a stale list from an earlier run never lingers. */
  static async open(path: string): Promise<RejectsWriter> {
    const stream = createWriteStream(path, { flags: 'w' });
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } catch (error) {
      throw new ImportFatalError(
        `cannot write the rejects file ${path}: ${(error as Error).message}`,
        `无法写入拒绝记录文件 ${path}：${(error as Error).message}`,
      );
    }
    return new RejectsWriter(path, stream);
  }

  async write(entry: RejectEntry): Promise<void> {
    this.check();
    this.count += 1;
    const { cells: _cells, ...line } = entry;
    if (!this.stream.write(`${JSON.stringify(line)}\n`)) {
      await once(this.stream, 'drain').catch((error: Error) => (this.failure ??= error));
      this.check();
    }
  }

  /** Flushes; an empty rejects file is removed, so its presence always means "look at me". */
  async close(): Promise<void> {
    if (!this.stream.closed) {
      this.stream.end();
      await once(this.stream, 'close').catch((error: Error) => (this.failure ??= error));
    }
    this.check();
    if (this.count === 0) await unlink(this.path).catch(() => undefined);
  }

  private check(): void {
    if (this.failure)
      throw new ImportFatalError(
        `cannot write the rejects file ${this.path}: ${this.failure.message}`,
        `无法写入拒绝记录文件 ${this.path}：${this.failure.message}`,
      );
  }
}
