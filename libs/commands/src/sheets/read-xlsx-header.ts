import { type XlsxRow, type XlsxSource, readXlsxRows } from './read-xlsx-rows';
import { SheetError } from './sheet-error';
import { cellText } from './xlsx-cell';

/**
 * The first sheet's header row (its first row with a cell), read before any row is tried.
 * `shown` names the workbook in the message (a file's path, an upload's name).
 */
export async function readXlsxHeader(source: XlsxSource, shown: string): Promise<XlsxRow> {
  try {
    for await (const row of readXlsxRows(source)) {
      if (row.cells.some((cell) => cellText(cell, false) !== '')) return row;
    }
  } catch (error) {
    throw notAWorkbook(shown, error);
  }
  throw new SheetError(
    'SHEET_EMPTY',
    `${shown}: the first sheet has no header row`,
    `${shown}：第一个工作表没有表头行`,
  );
}

/** What exceljs says of bytes that are no xlsx (a zip error, a missing part), in both languages. */
export const notAWorkbook = (shown: string, error: unknown): SheetError =>
  new SheetError(
    'NOT_XLSX',
    `cannot read ${shown} as an xlsx workbook: ${(error as Error).message}`,
    `无法作为 Excel 工作簿（.xlsx）读取 ${shown}：${(error as Error).message}`,
  );
