import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { ACTIONS_BY_TYPE } from '@libs/records';
import { type XlsxMapping, allowedValues, dateFields } from '@libs/commands/sheets';

/** Rows of the template that carry the dropdowns and date formats. */
export const TEMPLATE_ROWS = 10_000;
/** Data starts here: row 1 holds the Chinese headers, row 2 each column's field identifier. */
export const FIRST_DATA_ROW = 3;

const DATE_FORMAT = 'yyyy-mm-dd';
const YES_NO = ['是', '否'];

/**
 * An empty workbook for one command type: the mapping's Chinese headers, the field identifiers
 * in a second row (the import skips it), a dropdown for every closed vocabulary and yes/no
 * field, and date columns formatted as dates so what a clerk types is stored as a date.
 */
export async function writeTemplate(mapping: XlsxMapping, out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(mapping.type, {
    views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 }],
  });
  const headers = Object.keys(mapping.columns);
  const fields = headers.map((h) => mapping.columns[h]);
  sheet.columns = headers.map((header) => ({ width: Math.max(12, header.length * 2 + 4) }));
  const labels = sheet.addRow(headers);
  labels.font = { bold: true };
  const identifiers = sheet.addRow(fields);
  identifiers.font = { italic: true, color: { argb: 'FF808080' } };
  const last = FIRST_DATA_ROW + TEMPLATE_ROWS - 1;
  fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    const range = `${column.letter}${FIRST_DATA_ROW}:${column.letter}${last}`;
    const kind = fieldKind(mapping.type, field);
    const words = Object.keys(mapping.values?.[field] ?? {});
    labels.getCell(i + 1).note = noteOf(field, kind, words);
    if (kind === 'date') column.numFmt = DATE_FORMAT;
    // A list without Chinese words (vaccines, months of age) offers its values as they are.
    const closed = words.length > 0 ? words : allowedValues(mapping.type, field);
    const choices = kind === 'boolean' ? YES_NO : kind === 'list' ? [] : closed;
    if (choices.length > 0)
      validationsOf(sheet).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '取值无效 invalid value',
        error: `请从下拉列表中选择：${choices.join('、')}`,
      });
  });
  await workbook.xlsx.writeFile(out);
}

type FieldKind = 'date' | 'boolean' | 'list' | 'other';

function fieldKind(type: string, field: string): FieldKind {
  const request = ACTIONS_BY_TYPE.get(type)?.request as (new () => unknown) | undefined;
  if (!request) return 'other';
  const design = Reflect.getMetadata('design:type', request.prototype, field) as unknown;
  if (design === Boolean) return 'boolean';
  if (design === Array) return 'list';
  return dateFields(type).has(field) ? 'date' : 'other';
}

function noteOf(field: string, kind: FieldKind, words: string[]): string {
  const lines = [`字段 field: ${field}`];
  if (kind === 'date') lines.push('日期，如 2024-03-05 / a date');
  if (kind === 'boolean') lines.push('是 / 否');
  if (words.length > 0)
    lines.push(`${kind === 'list' ? '可多选，用、分隔' : '可选值'}：${words.join('、')}`);
  return lines.join('\n');
}

/** exceljs keeps a sheet's data validations by range but leaves them out of its typings. */
const validationsOf = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
