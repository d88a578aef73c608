import type { ImportItem } from './import-item';
import { notAWorkbook, readXlsxHeader } from './read-xlsx-header';
import { type XlsxSource, readXlsxRows } from './read-xlsx-rows';
import { SheetError } from './sheet-error';
import type { XlsxValue } from './xlsx-cell';
import type { XlsxMapping } from './xlsx-mapping';
import { xlsxToCommands } from './xlsx-to-commands';

export interface ReadSheet {
  header: XlsxValue[];
  /** Every row as a command (or already refused), in sheet order. */
  items: ImportItem[];
}

/**
 * A whole sheet read into commands before any is run: a sheet that is no workbook, has a
 * column the mapping does not name, or more than `maxRows` rows is refused whole, with nothing
 * appended. For uploads, whose size is bounded; the CLI streams a file of any length instead.
 */
export async function readSheet(
  source: XlsxSource,
  mapping: XlsxMapping,
  options: { shown: string; maxRows: number },
): Promise<ReadSheet> {
  const header = (await readXlsxHeader(source, options.shown)).cells;
  const items: ImportItem[] = [];
  try {
    for await (const item of xlsxToCommands(readXlsxRows(source), mapping)) {
      items.push(item);
      if (items.length > options.maxRows) throw tooManyRows(options.maxRows);
    }
  } catch (error) {
    throw error instanceof SheetError ? error : notAWorkbook(options.shown, error);
  }
  return { header, items };
}

const tooManyRows = (maxRows: number): SheetError =>
  new SheetError(
    'TOO_MANY_ROWS',
    `the sheet has more than ${maxRows} rows; split it, or load it with the CLI's import`,
    `表格超过 ${maxRows} 行；请拆分，或用命令行的 import 导入`,
  );
