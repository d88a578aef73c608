import { ImportFatalError } from '../import-errors';
import { readXlsxRows } from './read-xlsx-rows';
import { type XlsxValue, cellText } from './xlsx-cell';

/** The first sheet's header row (its first row with a cell), read before the import starts. */
export async function readXlsxHeader(path: string): Promise<XlsxValue[]> {
  try {
    for await (const row of readXlsxRows(path)) {
      if (row.cells.some((cell) => cellText(cell, false) !== '')) return row.cells;
    }
  } catch (error) {
    throw new ImportFatalError(
      `cannot read ${path} as an xlsx workbook: ${(error as Error).message}`,
    );
  }
  throw new ImportFatalError(`${path}: the first sheet has no header row`);
}
