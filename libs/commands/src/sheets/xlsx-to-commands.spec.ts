import type { ImportItem } from './import-item';
import { SheetError } from './sheet-error';
import type { XlsxRow } from './read-xlsx-rows';
import type { XlsxValue } from './xlsx-cell';
import { shippedMapping } from './xlsx-mapping';
import { xlsxToCommands } from './xlsx-to-commands';

async function commandsOf(type: string, rows: XlsxValue[][]): Promise<ImportItem[]> {
  async function* sheet(): AsyncGenerator<XlsxRow> {
    for (const [i, cells] of rows.entries()) yield { line: i + 1, cells, bytesRead: 0 };
  }
  const items: ImportItem[] = [];
  for await (const item of xlsxToCommands(sheet(), shippedMapping(type)!)) items.push(item);
  return items;
}

describe('sheet rows as commands, through the shipped mappings', () => {
  it('RecordCheckup: the category in words, 是/否, readings into vitals', async () => {
    const [item] = await commandsOf('RecordCheckup', [
      ['居民编号', '体检日期', '体检类别', '五项是否完整', '收缩压', '舒张压', '空腹血糖', '身高'],
      ['r-1', new Date('2024-03-05T00:00:00Z'), '老年人年度体检', '是', 132, 84, 6.2, '158'],
    ]);
    expect(item.command).toMatchObject({
      type: 'RecordCheckup',
      residentId: 'r-1',
      occurredAt: '2024-03-05',
      kind: 'elderly_annual',
      complete: true,
      vitals: { systolic: 132, diastolic: 84, fastingGlucose: 6.2, heightCm: 158 },
    });
  });

  it('SignContract: three dates typed three ways, a household in words', async () => {
    const [item] = await commandsOf('SignContract', [
      ['居民编号', '签约协议编号', '签约医生', '签约日期', '开始日期', '结束日期', '家庭签约'],
      ['r-1', 'k-1', 'doc-1', '2024年1月2日', '2024/1/2', 45657, '否'],
    ]);
    expect(item.command).toMatchObject({
      occurredAt: '2024-01-02',
      start: '2024-01-02',
      end: '2024-12-31',
      household: false,
    });
  });

  it('RegisterResident: key populations listed with Chinese separators', async () => {
    const [item] = await commandsOf('RegisterResident', [
      ['居民编号', '出生日期', '性别', '管理机构', '重点人群', '登记日期'],
      ['r-1', '1950-07-01', '女', 'c1', '高血压、糖尿病', '2024-01-02'],
    ]);
    expect(item.command).toMatchObject({ sex: 'female', tags: ['hypertension', 'diabetes'] });
  });

  it('skips the template identifier row and blank rows, numbers rows as the sheet does', async () => {
    const items = await commandsOf('EnrollChronicCare', [
      ['居民编号', '慢病类型', '责任医生', '纳入管理日期'],
      ['residentId', 'condition', 'doctorId', 'occurredAt'],
      [null, null, null, null],
      ['r-1', '糖尿病', 'doc-1', '2024-01-10'],
    ]);
    expect(items.map((i) => i.line)).toEqual([4]);
    expect(items[0].cells).toEqual(['r-1', '糖尿病', 'doc-1', '2024-01-10']);
  });

  it('derives the same commandId from the same content, wherever the row stands', async () => {
    const header = ['居民编号', '慢病类型', '纳入管理日期', '原行号 row', '拒绝原因', 'reason'];
    const row = ['r-1', '高血压', '2024-01-10'];
    const a = await commandsOf('EnrollChronicCare', [header, row, ['r-2', '高血压', '2024-01-10']]);
    const b = await commandsOf('EnrollChronicCare', [header, [null], row]);
    const id = (item: ImportItem) => (item.command as { commandId: string }).commandId;
    expect(id(a[0])).toMatch(/^xlsx-[0-9a-f]{40}$/);
    expect(id(b[0])).toBe(id(a[0]));
    expect(id(a[1])).not.toBe(id(a[0]));
  });

  it('stops on a header the mapping does not name', async () => {
    await expect(
      commandsOf('RecordFollowUp', [
        ['居民编号', '备注'],
        ['r-1', 'x'],
      ]),
    ).rejects.toThrow(SheetError);
  });
});
