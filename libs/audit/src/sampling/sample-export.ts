import ExcelJS from 'exceljs';
import type { FactLookup } from '@libs/records';
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

/** The header with the person's columns after the household (column `after`), when shown. */
const withPerson = (header: string[], person: string[], shown: boolean, after = 4) =>
  shown ? [...header.slice(0, after), ...person, ...header.slice(after)] : header;

/** What a sample sheet says beyond the sample: its units by name, and when it was exported. */
export interface SampleSheetHeading {
  /** Current names of the sample's units, by id; an id missing here is shown as it is. */
  unitNames: ReadonlyMap<string, string>;
  /** When it was exported, in China time ("2024-03-05 17:30"). */
  exportedAt: string;
}

/** The current names of the sample's unit and of its residents' units, read from their streams. */
export async function sampleUnitNames(
  facts: Pick<FactLookup, 'unit'>,
  s: SampleDrawnData,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const unitId of new Set([s.unitId, ...s.residents.map((r) => r.unitId)])) {
    const versions = (await facts.unit(unitId)).versions;
    if (versions.length > 0) names.set(unitId, versions[versions.length - 1].name);
  }
  return names;
}

/**
 * The sheet a field team takes along: a title row (the sample, its unit by name, the year, when
 * exported), the header, a row per drawn resident with the unit's name before its id, and a total
 * row in bold (how many to visit, per unit) as the evaluation table has.
 */
export function sampleWorkbook(
  s: SampleDrawnData,
  heading: SampleSheetHeading,
  personOf?: PersonOf,
): ExcelJS.Workbook {
  const nameOf = (unitId: string) => heading.unitNames.get(unitId) ?? unitId;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('入户核查 Home visits');
  const unit = nameOf(s.unitId);
  const n = s.residents.length;
  const at = heading.exportedAt;
  sheet.addRow([
    `${unit} ${s.period} 年入户核查样本 ${s.sampleId}（${s.indicator}，${n} 人，导出于北京时间 ${at}） / ` +
      `${unit} home-visit sample ${s.sampleId} for ${s.period} (${s.indicator}, ${n} residents, exported ${at} China time)`,
  ]).font = { bold: true };
  // The unit's name goes before its id: the header and rows gain a column after the resident.
  const header = withPerson(HEADER, PERSON_HEADER, !!personOf);
  sheet.addRow([...header.slice(0, 2), '机构 Unit', '机构编号 Unit id', ...header.slice(3)]).font =
    {
      bold: true,
    };
  for (const row of sampleRows(s, personOf))
    sheet.addRow([...row.slice(0, 2), nameOf(String(row[2])), ...row.slice(2)]);
  const perUnit = new Map<string, number>();
  for (const r of s.residents) perUnit.set(r.unitId, (perUnit.get(r.unitId) ?? 0) + 1);
  sheet.addRow([
    '合计 Total',
    `${n} 人 residents`,
    [...perUnit].map(([unitId, count]) => `${nameOf(unitId)} ${count}`).join('，'),
  ]).font = { bold: true };
  const widths = [16, 18, 28, 14, 16, 28, 70, 18, 24];
  withPerson(widths.map(String), ['14', '36', '16'], !!personOf, 5).forEach(
    (w, i) => (sheet.getColumn(i + 1).width = Number(w)),
  );
  const about = workbook.addWorksheet('抽样说明 About');
  about.addRows([
    ['sample id', s.sampleId],
    ['indicator', s.indicator],
    ['unit', s.unitId],
    ['unit name', unit],
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
    ['exported (China time)', at],
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
