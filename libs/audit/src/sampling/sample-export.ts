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

/**
 * How a field team finds a drawn resident: name, address and phone from the personal-data
 * vault, for a reader allowed to see them (decision 0021). `erased` where the person's data was
 * erased; undefined where the vault holds nothing.
 */
export type PersonOf = (
  residentId: string,
) => { name?: string; address?: string; phone?: string } | 'erased' | undefined;

/** Shown where a name would be, for a resident whose personal data was erased. */
export const ERASED_PERSON = '已删除个人信息';

const PERSON_HEADER = ['姓名 Name', '住址 Address', '电话 Phone'];
const PERSON_CSV_HEADER = ['name', 'address', 'phone'];

function personCells(person: ReturnType<PersonOf>): string[] {
  if (person === 'erased') return [ERASED_PERSON, '', ''];
  return [person?.name ?? '', person?.address ?? '', person?.phone ?? ''];
}

/**
 * One row per drawn resident, with a blank result column for the field team; with `personOf`
 * (a reader allowed to see personal data) the name, address and phone after the household.
 */
export function sampleRows(s: SampleDrawnData, personOf?: PersonOf): (string | number)[][] {
  const why = (index: number, counted: boolean) =>
    `${s.period} ${s.indicator} ${counted ? '计入完成数 counted' : '未计入 not counted'}; #${index + 1}/${s.populationSize}, k=${s.interval.toFixed(3)}, r=${s.start}, seed=${s.seed}`;
  return s.residents.map((r) => [
    s.sampleId,
    r.residentId,
    r.unitId,
    r.householdId ?? '',
    ...(personOf ? personCells(personOf(r.residentId)) : []),
    s.indicator,
    why(r.index, r.counted),
    '',
    '',
  ]);
}

/** The header with the person's columns after the household, when they are shown. */
const withPerson = (header: string[], person: string[], shown: boolean) =>
  shown ? [...header.slice(0, 4), ...person, ...header.slice(4)] : header;

export function sampleWorkbook(s: SampleDrawnData, personOf?: PersonOf): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('入户核查 Home visits');
  sheet.addRow(withPerson(HEADER, PERSON_HEADER, !!personOf)).font = { bold: true };
  sheet.addRows(sampleRows(s, personOf));
  const widths = [16, 18, 14, 16, 28, 70, 18, 24];
  withPerson(widths.map(String), ['14', '36', '16'], !!personOf).forEach(
    (w, i) => (sheet.getColumn(i + 1).width = Number(w)),
  );
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
export async function sampleCsv(s: SampleDrawnData, personOf?: PersonOf): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook
    .addWorksheet('csv')
    .addRows([
      withPerson(
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
        PERSON_CSV_HEADER,
        !!personOf,
      ),
      ...sampleRows(s, personOf),
    ]);
  return Buffer.concat([
    Buffer.from('\ufeff', 'utf8'),
    Buffer.from(await workbook.csv.writeBuffer()),
  ]);
}
