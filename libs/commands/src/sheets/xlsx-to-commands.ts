import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CsvRecord } from './csv-record';
import { csvToCommands } from './csv-to-commands';
import { dateFields } from './date-fields';
import type { ImportItem } from './import-item';
import { SheetError } from './sheet-error';
import { isRejectColumn } from './reject-columns';
import type { XlsxRow } from './read-xlsx-rows';
import { type XlsxValue, cellText } from './xlsx-cell';
import type { XlsxMapping } from './xlsx-mapping';

/** Splits a list cell typed with Chinese or ASCII separators (高血压、糖尿病). */
const LIST_SEPARATORS = /[|;；、，,]/;

/**
 * Sheet rows become the same command objects as CSV rows: each mapped header names a field, a
 * cell is turned into the text a CSV cell would hold (dates as China days, the mapping's words
 * into values), and the CSV conversion does the rest (numbers, 是/否, lists, vitals). A row
 * without a commandId gets one derived from its content, so importing the same rows again, from
 * this file or from its fixed rejects, appends nothing twice.
 */
export async function* xlsxToCommands(
  rows: AsyncIterable<XlsxRow>,
  mapping: XlsxMapping,
): AsyncGenerator<ImportItem> {
  const dates = dateFields(mapping.type);
  let columns: (string | undefined)[] | undefined;
  let headerLine = 0;
  const pending: XlsxRow[] = [];
  const records = async function* (): AsyncGenerator<CsvRecord> {
    for await (const row of rows) {
      if (!columns) {
        if (row.cells.every((c) => c === null || cellText(c, false) === '')) continue;
        columns = mappedColumns(row, mapping);
        headerLine = row.line;
        yield header(row, columns);
        continue;
      }
      if (row.cells.every((c) => c === null || cellText(c, false) === '')) continue;
      // The template's second header row names each column's field: not a record.
      if (row.line === headerLine + 1 && isIdentifierRow(row.cells, columns)) continue;
      const cells = columns.map((field, i) => {
        if (field === undefined) return '';
        return valueOf(field, cellText(row.cells[i] ?? null, dates.has(field)), mapping);
      });
      pending.push(row);
      yield { line: row.line, raw: '', bytesRead: row.bytesRead, cells: cells };
    }
  };
  for await (const item of csvToCommands(records(), mapping.type)) {
    const row = pending.shift()!;
    const command = item.command as Record<string, unknown> | undefined;
    if (command && command.commandId === undefined) command.commandId = derivedId(command);
    yield { ...item, input: JSON.stringify(row.cells), cells: row.cells };
  }
}

/** Each header cell's field; throws, naming the column, on one the mapping does not name. */
export function mappedColumns(row: XlsxRow, mapping: XlsxMapping): (string | undefined)[] {
  const seen = new Set<string>();
  return row.cells.map((cell, i) => {
    const name = cellText(cell, false);
    if (name === '' || isRejectColumn(name)) return undefined;
    const field = mapping.columns[name];
    if (field === undefined)
      throw new SheetError(
        'UNMAPPED_COLUMN',
        `the sheet's header (row ${row.line}) has column "${name}" (column ${i + 1}), which the mapping for ${mapping.type} does not name; known: ${Object.keys(mapping.columns).join(', ')}`,
        `表头（第 ${row.line} 行）第 ${i + 1} 列"${name}"不在 ${mapping.type} 的映射中；可用的列：${Object.keys(mapping.columns).join('、')}`,
      );
    if (seen.has(field))
      throw new SheetError(
        'REPEATED_COLUMN',
        `the sheet's header (row ${row.line}) has two columns for ${field}`,
        `表头（第 ${row.line} 行）有两列都对应 ${field}`,
      );
    seen.add(field);
    return field;
  });
}

/** The header the CSV conversion expects: field names; unmapped columns get a dummy, blank name. */
function header(row: XlsxRow, columns: (string | undefined)[]): CsvRecord {
  return {
    line: row.line,
    raw: '',
    bytesRead: row.bytesRead,
    cells: columns.map((field, i) => field ?? `#unmapped-${i}`),
  };
}

const isIdentifierRow = (cells: XlsxValue[], columns: (string | undefined)[]): boolean =>
  cells.every((cell, i) => cell === null || cellText(cell, false) === (columns[i] ?? ''));

function valueOf(field: string, text: string, mapping: XlsxMapping): string {
  const words = mapping.values?.[field];
  if (!words || text === '') return text;
  if (words[text] !== undefined) return words[text];
  if (!LIST_SEPARATORS.test(text)) return text;
  return text
    .split(LIST_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => words[part] ?? part)
    .join('|');
}

/** The command's own content, hashed: the same row always gets the same id. */
const derivedId = (command: Record<string, unknown>): string =>
  `xlsx-${createHash('sha256')
    .update(canonicalize(command) ?? '')
    .digest('hex')
    .slice(0, 40)}`;
