import ExcelJS from 'exceljs';
import { startApi, type RunningApi } from '../support/api-app';

/** Shangdang 2023 over HTTP: four allocations, the fund table, the xlsx, a refusal. */
describe('funds over HTTP', () => {
  let api: RunningApi;
  let n = 0;
  const cmd = (type: string, fields: Record<string, unknown>) => ({
    type,
    commandId: `f-${(n += 1)}`,
    occurredAt: '2023-03-01',
    ...fields,
  });
  const ok = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', body);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r;
  };

  beforeAll(async () => {
    api = await startApi();
    await ok(
      cmd('RegisterOrgUnit', {
        unitId: 'sd',
        name: '上党区',
        kind: 'district',
        occurredAt: '2020-01-01',
      }),
    );
    await ok(
      cmd('RegisterOrgUnit', {
        unitId: 'sd-c1',
        name: 'c1',
        kind: 'township_centre',
        parentId: 'sd',
        occurredAt: '2020-01-01',
      }),
    );
    for (const [sourceLevel, amountFen] of [
      ['central', 1_557_610_000],
      ['provincial', 510_930_000],
      ['municipal', 127_740_000],
      ['district', 383_592_000],
    ])
      await ok(cmd('AllocateFunds', { unitId: 'sd', year: 2023, sourceLevel, amountFen }));
    await ok(
      cmd('DisburseFunds', {
        fromUnitId: 'sd',
        toUnitId: 'sd-c1',
        year: 2023,
        kind: 'pre_disbursement',
        amountFen: 100_000_000,
        note: '预拨',
        occurredAt: '2023-03-20',
      }),
    );
  });
  afterAll(async () => api?.close());

  it('the fund table: 2579.872 万元 allocated, exactly, in fen', async () => {
    const r = await api.get('/api/v1/funds?year=2023&unit=sd');
    expect(r.status).toBe(200);
    const sd = r.body.rows.find((x: { unitId: string }) => x.unitId === 'sd');
    const c1 = r.body.rows.find((x: { unitId: string }) => x.unitId === 'sd-c1');
    expect(sd).toMatchObject({
      allocatedFen: 2_579_872_000,
      disbursedFen: 100_000_000,
      balanceFen: 2_479_872_000,
    });
    expect(c1).toMatchObject({ receivedFen: 100_000_000, balanceFen: 100_000_000 });
  });

  it('refuses disbursing beyond the balance, and a fraction of a fen', async () => {
    const over = await api.post(
      '/api/v1/commands',
      cmd('DisburseFunds', {
        fromUnitId: 'sd-c1',
        toUnitId: 'sd',
        year: 2023,
        kind: 'pre_disbursement',
        amountFen: 100_000_001,
        note: 'x',
      }),
    );
    expect(over.body.error).toBe('INSUFFICIENT_BALANCE');
    const fraction = await api.post(
      '/api/v1/commands',
      cmd('AllocateFunds', { unitId: 'sd', year: 2023, sourceLevel: 'central', amountFen: 0.5 }),
    );
    expect(fraction.status).toBe(400);
  });

  it('exports the fund table as xlsx, in yuan: a title, unit names beside their ids, a total', async () => {
    const response = await fetch(`${api.base}/api/v1/funds/export?year=2023&unit=sd`, {
      headers: { authorization: `Bearer ${api.rootKey}` },
    });
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    // Which unit by name, which year, and when it was exported (China time, to the minute).
    const title = String(sheet.getCell(1, 1).value);
    expect(title).toMatch(
      /^上党区 2023 年基本公共卫生服务资金（元，导出于北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）/,
    );
    expect(title).toContain('上党区 public health service funds 2023, in yuan, exported');
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      '单位 Unit',
      '单位编号 Unit id',
      '年度 Year',
      '下达 Allocated',
      '收到 Received',
    ]);
    const rows = sheet.getRows(3, sheet.rowCount - 2)!;
    const sd = rows.find((x) => x.getCell(2).value === 'sd')!;
    expect(sd.getCell(1).value).toBe('上党区');
    expect(sd.getCell(4).value).toBe(25_798_720);
    expect(rows.find((x) => x.getCell(2).value === 'sd-c1')!.getCell(1).value).toBe('c1');
    // The total row sums the rows above it: what the district kept and what it passed down.
    const total = sheet.getRow(sheet.rowCount);
    expect(total.getCell(1).value).toBe('合计 Total');
    expect(total.font?.bold).toBe(true);
    const header = sheet.getRow(2).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    expect(total.getCell(col('下达 Allocated')).value).toBe(25_798_720);
    expect(total.getCell(col('收到 Received')).value).toBe(1_000_000);
    expect(total.getCell(col('拨出 Disbursed')).value).toBe(1_000_000);
    expect(total.getCell(col('余额 Balance')).value).toBe(25_798_720);
  });
});
