import ExcelJS from 'exceljs';
import type { EvaluationTable } from './evaluation-table';

/**
 * The evaluation table as a workbook: three header rows (the service category over its
 * indicators, the indicator, then target / count / denominator / rate), a row per unit and the
 * total row in bold. Rates are real percentages.
 */
export function evaluationWorkbook(table: EvaluationTable): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('指标 Indicators');
  sheet.addRow([table.title]);
  const categories = ['类别 Category'];
  const top = ['单位 Unit'];
  const sub = [''];
  for (const d of table.indicators) {
    categories.push(`${d.category.zh} ${d.category.en}`, '', '', '');
    top.push(`${d.nameZh} ${d.nameEn}`, '', '', '');
    sub.push('目标 Target', '完成数 Count', '基数 Denominator', '完成率 Rate');
  }
  sheet.addRow(categories);
  sheet.addRow(top);
  sheet.addRow(sub);
  // A category's cell spans its indicators' columns (the indicators of a category are adjacent).
  let from = 0;
  table.indicators.forEach((d, i) => {
    const next = table.indicators[i + 1];
    if (next && next.category.zh === d.category.zh) return;
    sheet.mergeCells(2, 2 + from * 4, 2, 5 + i * 4);
    from = i + 1;
  });
  table.indicators.forEach((_, i) => sheet.mergeCells(3, 2 + i * 4, 3, 5 + i * 4));
  for (const row of table.rows) {
    const values: (string | number | null)[] = [row.unitName];
    for (const d of table.indicators) {
      const c = row.cells[d.id];
      values.push(c.target, c.numerator, c.denominator, c.rate);
    }
    const added = sheet.addRow(values);
    if (row.total) added.font = { bold: true };
  }
  table.indicators.forEach((_, i) => {
    sheet.getColumn(2 + i * 4).numFmt = '0.00%';
    sheet.getColumn(5 + i * 4).numFmt = '0.00%';
  });
  sheet.getColumn(1).width = 28;
  return workbook;
}

/** CSV (UTF-8 with BOM so spreadsheet programs read the Chinese): one line per unit and indicator. */
export async function evaluationCsv(table: EvaluationTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('csv').addRows(evaluationCsvRows(table));
  const body = Buffer.from(await workbook.csv.writeBuffer());
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), body]);
}

export function evaluationCsvRows(table: EvaluationTable): (string | number)[][] {
  const rows: (string | number)[][] = [
    [
      'unit_id',
      'unit',
      'indicator',
      'indicator_zh',
      'target',
      'numerator',
      'denominator',
      'rate',
      'status',
    ],
  ];
  for (const row of table.rows) {
    for (const d of table.indicators) {
      const c = row.cells[d.id];
      rows.push([
        row.unitId,
        row.unitName,
        d.id,
        d.nameZh,
        c.target ?? '',
        c.numerator,
        c.denominator,
        c.rate === null ? '' : Number(c.rate.toFixed(6)),
        c.status,
      ]);
    }
  }
  return rows;
}
