import { parse } from 'csv-parse/sync';
import type { CsvRecord } from '@libs/commands/sheets';
import type { RejectReason } from './import-item';
import type { Line } from './read-lines';

export type { CsvRecord };

/**
 * CSV records, one at a time. Lines are grouped into a record while a quoted cell is still open,
 * then each record is parsed on its own by csv-parse. Parsing records one by one, rather than the
 * whole stream with `skip_records_with_error`, keeps one broken row from swallowing the rows
 * after it unreported (csv-parse loses sync after a bad quote) and gives exact line numbers.
 */
export async function* readCsvRecords(
  lines: AsyncIterable<Line>,
  maxRecordBytes: number,
): AsyncGenerator<CsvRecord> {
  let open: { line: number; parts: string[]; chars: number } | undefined;
  let lastBytesRead = 0;
  for await (const { number, text, bytesRead, tooLong } of lines) {
    lastBytesRead = bytesRead;
    if (tooLong) {
      const start = open?.line ?? number;
      open = undefined;
      yield {
        line: start,
        raw: `${text.slice(0, 1000)}…`,
        bytesRead,
        reject: recordTooLong(maxRecordBytes),
      };
      continue;
    }
    if (!open) {
      if (text.trim() === '') continue;
      open = { line: number, parts: [text], chars: text.length };
    } else {
      open.parts.push(text);
      open.chars += text.length + 1;
    }
    // Only the new line is scanned: a record continues only while a quoted cell is open.
    if (quoteOpenAtEnd(text, open.parts.length > 1)) {
      if (open.chars <= maxRecordBytes) continue;
      yield {
        line: open.line,
        raw: `${open.parts.join('\n').slice(0, 1000)}…`,
        bytesRead,
        reject: unclosedQuote(),
      };
      open = undefined;
      continue;
    }
    yield { ...parseRecord(open.parts.join('\n')), line: open.line, bytesRead };
    open = undefined;
  }
  if (open)
    yield {
      line: open.line,
      raw: open.parts.join('\n'),
      bytesRead: lastBytesRead,
      reject: unclosedQuote(),
    };
}

function parseRecord(raw: string): Pick<CsvRecord, 'raw' | 'cells' | 'reject'> {
  try {
    const rows = parse(raw, { trim: true, relax_column_count: true }) as string[][];
    return { raw, cells: rows[0] ?? [] };
  } catch (error) {
    const message = (error as Error).message;
    return {
      raw,
      reject: {
        code: 'CSV_MALFORMED',
        en: `malformed CSV: ${message}`,
        zh: `CSV 格式错误：${message}`,
      },
    };
  }
}

/**
 * RFC 4180 quoting: a cell that starts with `"` runs to the next lone `"`; `""` is a quote.
 * `inQuotes`: the line continues a quoted cell opened on an earlier line.
 */
function quoteOpenAtEnd(text: string, inQuotes: boolean): boolean {
  let cellStart = !inQuotes;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
    } else if (c === ',') {
      cellStart = true;
    } else if (c === '"' && cellStart) {
      inQuotes = true;
      cellStart = false;
    } else if (c !== ' ' && c !== '\t') {
      cellStart = false;
    }
  }
  return inQuotes;
}

const unclosedQuote = (): RejectReason => ({
  code: 'CSV_MALFORMED',
  en: 'malformed CSV: a quoted cell is never closed',
  zh: 'CSV 格式错误：引号内的单元格没有闭合',
});

const recordTooLong = (maxBytes: number): RejectReason => ({
  code: 'LINE_TOO_LONG',
  en: `the row is longer than ${maxBytes} bytes`,
  zh: `该行超过 ${maxBytes} 字节`,
});
