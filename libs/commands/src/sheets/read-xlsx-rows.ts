import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type XlsxValue, plainValue } from './xlsx-cell';

export interface XlsxRow {
  /** The row's number in the sheet (the header is usually 1). */
  line: number;
  /** Column A first; an empty cell is null. */
  cells: XlsxValue[];
  /** Bytes of the file read so far, for the progress ETA. */
  bytesRead: number;
}

/** A workbook on disk (the CLI) or already in memory (an HTTP upload). */
export type XlsxSource = string | Buffer;

/**
 * The first worksheet's rows, one at a time, through exceljs's streaming reader: memory stays
 * the same for a sheet of any length. Styles are read so that date cells come back as dates.
 */
export async function* readXlsxRows(source: XlsxSource): AsyncGenerator<XlsxRow> {
  const input = typeof source === 'string' ? createReadStream(source) : Readable.from([source]);
  let bytesRead = 0;
  input.on('data', (chunk: Buffer) => (bytesRead += chunk.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: XlsxValue[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(plainValue(values[i]));
        yield { line: row.number, cells, bytesRead };
      }
      // Only the first sheet holds records; the others (notes, lists) are not read.
      return;
    }
  } finally {
    input.destroy();
  }
}
