import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { shippedMapping } from './xlsx-mapping';
import { XlsxRejectsWriter } from './xlsx-rejects-writer';

describe('the rejects workbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rejects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mapping = shippedMapping('RecordFollowUp')!;

  it('gives the row back as typed (a date stays a date), with the reasons after it', async () => {
    const path = join(dir, 'a.rejects.xlsx');
    // An earlier run's reason columns are replaced, not repeated.
    const header = ['居民编号', '随访日期', '收缩压', '原行号 row', '拒绝原因', 'reason'];
    const writer = await XlsxRejectsWriter.open(path, header, mapping);
    const day = new Date('2024-03-05T00:00:00Z');
    await writer.write({
      line: 7,
      input: '',
      cells: ['r-1', day, 'abc', 3, 'old', 'old'],
      reason: {
        code: 'VALIDATION_FAILED',
        en: 'invalid command: systolic: systolic must be a number',
        zh: '命令无效：收缩压 systolic：须为数字',
        errors: [
          {
            field: 'systolic',
            constraint: 'isNumber',
            en: 'systolic must be a number',
            zh: '收缩压 systolic：须为数字',
          },
        ],
      },
    });
    await writer.close();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...header]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('r-1');
    expect(row.getCell(2).value).toEqual(day);
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(3).value).toBe('abc');
    expect(row.getCell(3).fill).toMatchObject({ type: 'pattern' });
    expect(row.getCell(4).value).toBe(7);
    expect(row.getCell(5).value).toBe('【收缩压】收缩压 systolic：须为数字');
    expect(row.getCell(6).value).toBe(
      'VALIDATION_FAILED: invalid command: systolic: systolic must be a number',
    );
  });

  it('writes nothing when nothing is refused, and removes a stale file', async () => {
    const path = join(dir, 'b.rejects.xlsx');
    writeFileSync(path, 'stale');
    const writer = await XlsxRejectsWriter.open(path, ['居民编号'], mapping);
    await writer.close();
    expect(existsSync(path)).toBe(false);
  });
});
