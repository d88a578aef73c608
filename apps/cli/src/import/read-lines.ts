import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based physical line number. */
  number: number;
  /** The line without its line break (LF or CRLF); cut short when `tooLong`. */
  text: string;
  /** Bytes of the file consumed up to and including this line's line break. */
  bytesRead: number;
  /** The line exceeded the limit; `text` holds only its beginning. */
  tooLong: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\ufeff';

/**
 * The file's lines, one at a time, in constant memory: the file is read in chunks only as fast
 * as the caller asks for lines (async iteration gives backpressure), and a line longer than
 * `maxLineBytes` (a file without line breaks, say) keeps only its beginning.
 */
export async function* readLines(
  path: string,
  maxLineBytes = 1024 * 1024,
  chunkBytes = 64 * 1024,
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;
  let consumed = 0;

  const take = (tail: Buffer): Buffer => {
    const whole = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    return whole;
  };
  const line = (raw: Buffer): Line => {
    number += 1;
    const end = raw.length > 0 && raw[raw.length - 1] === CR ? raw.length - 1 : raw.length;
    let text = raw.toString('utf8', 0, end);
    if (number === 1 && text.startsWith(BOM)) text = text.slice(1);
    const result = { number, text, bytesRead: consumed, tooLong };
    tooLong = false;
    return result;
  };
  const keep = (piece: Buffer): void => {
    if (tooLong) return;
    const room = maxLineBytes - pendingBytes;
    if (piece.length > room) {
      // Copy, so the chunk the slice points into can be freed.
      pending.push(Buffer.from(piece.subarray(0, room)));
      pendingBytes = maxLineBytes;
      tooLong = true;
    } else {
      pending.push(Buffer.from(piece));
      pendingBytes += piece.length;
    }
  };

  for await (const chunk of createReadStream(path, {
    highWaterMark: chunkBytes,
  }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let lf = chunk.indexOf(LF, start); lf !== -1; lf = chunk.indexOf(LF, start)) {
      consumed += lf + 1 - start;
      const piece = chunk.subarray(start, lf);
      if (tooLong || pendingBytes + piece.length > maxLineBytes) {
        keep(piece);
        yield line(take(Buffer.alloc(0)));
      } else {
        yield line(take(piece));
      }
      start = lf + 1;
    }
    if (start < chunk.length) {
      consumed += chunk.length - start;
      keep(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0 || tooLong) yield line(take(Buffer.alloc(0)));
}
