import ExcelJS from 'exceljs';
import type { SampleDrawnData } from './sample-state';

const HEADER = [
  '样本编号 Sample id',
  '居民编号 Resident id',
  '机构 Unit',
  '户编号 Household id',
  '指标 Indicator',
  '抽取依据 Why drawn',
  '核查结果 Result',
  '备注 Note',
];

/** One row per drawn resident, with a blank result column for the field team. */
export function sampleRows(s: SampleDrawnData): (string | number)[][] {
  const why = (index: number, counted: boolean) =>
    `${s.period} ${s.indicator} ${counted ? '计入完成数 counted' : '未计入 not counted'}; #${index + 1}/${s.populationSize}, k=${s.interval.toFixed(3)}, r=${s.start}, seed=${s.seed}`;
  return s.residents.map((r) => [
    s.sampleId,
    r.residentId,
    r.unitId,
    r.householdId ?? '',
    s.indicator,
    why(r.index, r.counted),
    '',
    '',
  ]);
}

export function sampleWorkbook(s: SampleDrawnData): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('入户核查 Home visits');
  sheet.addRow(HEADER).font = { bold: true };
  sheet.addRows(sampleRows(s));
  [16, 18, 14, 16, 28, 70, 18, 24].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const about = workbook.addWorksheet('抽样说明 About');
  about.addRows([
    ['sample id', s.sampleId],
    ['indicator', s.indicator],
    ['unit', s.unitId],
    ['period', s.period],
    ['population as of', s.asOf],
    ['population', s.population],
    ['population size N', s.populationSize],
    ['population digest (sha256)', s.populationDigest],
    ['size n', s.residents.length],
    ['interval k = N / n', s.interval],
    ['start r', s.start],
    ['seed', s.seed],
    ['result values', 'confirmed / not_found / service_denied'],
  ]);
  return workbook;
}

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese). */
export async function sampleCsv(s: SampleDrawnData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook
    .addWorksheet('csv')
    .addRows([
      [
        'sample_id',
        'resident_id',
        'unit_id',
        'household_id',
        'indicator',
        'why_drawn',
        'result',
        'note',
      ],
      ...sampleRows(s),
    ]);
  return Buffer.concat([
    Buffer.from('\ufeff', 'utf8'),
    Buffer.from(await workbook.csv.writeBuffer()),
  ]);
}
