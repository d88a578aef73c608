import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHIPPED_MAPPING_TYPES, shippedMapping } from '@libs/commands/sheets';
import { writeTemplate } from './write-template';

type Validations = { model: Record<string, ExcelJS.DataValidation> };

async function templateOf(type: string, dir: string) {
  const out = join(dir, `${type}.xlsx`);
  await writeTemplate(shippedMapping(type)!, out);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.worksheets[0];
  const lists = Object.values(
    (sheet as unknown as { dataValidations: Validations }).dataValidations.model,
  ).map((v) => v.formulae[0]);
  return { sheet, lists: [...new Set(lists)] };
}

describe('ledger template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'template-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SignContract: headers, identifiers, a note per header, date columns, yes/no dropdown', async () => {
    const { sheet, lists } = await templateOf('SignContract', dir);
    expect(sheet.name).toBe('SignContract');
    expect(sheet.getRow(1).getCell(1).value).toBe('居民编号');
    expect(sheet.getRow(2).getCell(1).value).toBe('residentId');
    expect(String(sheet.getRow(1).getCell(1).note)).toContain('residentId');
    const start = Object.keys(shippedMapping('SignContract')!.columns).indexOf('开始日期') + 1;
    expect(sheet.getColumn(start).numFmt).toBe('yyyy-mm-dd');
    expect(lists).toEqual(['"是,否"']);
  });

  it('offers the Chinese words where there are some, the values themselves where not', async () => {
    expect((await templateOf('RecordTbTreatmentEnd', dir)).lists).toEqual([
      '"治愈,完成疗程,失败,死亡,失访,转出"',
    ]);
    expect((await templateOf('RecordVaccineDose', dir)).lists).toEqual(
      expect.arrayContaining([expect.stringContaining('"HepB,BCG,')]),
    );
  });

  it('writes a template for every shipped type', async () => {
    for (const type of SHIPPED_MAPPING_TYPES)
      await writeTemplate(shippedMapping(type)!, join(dir, `all-${type}.xlsx`));
  });
});
