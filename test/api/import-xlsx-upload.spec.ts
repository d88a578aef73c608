/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field */
import ExcelJS from 'exceljs';
import { shippedMapping } from '@libs/commands/sheets';
import { writeTemplate } from '../../apps/cli/src/template/write-template';
import { startApi, type RunningApi } from '../support/api-app';
import { rawClient } from '../support/raw-http';
import { tempDir } from '../support/temp-dir';

/**
 * The Excel round trip over HTTP, on loopback with real workbooks: the ledger's follow-up
 * template filled with 1,000 rows of which 10 are bad, uploaded; the rejects workbook that
 * comes back, with its Chinese reasons, fixed and uploaded; the 10 appended and nothing twice.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PATH = '/api/v1/imports/xlsx';
const RESIDENTS = 100;
const VISITS = 10;
const HEADERS = Object.keys(shippedMapping('RecordFollowUp')!.columns);
const column = (header: string): number => HEADERS.indexOf(header) + 1;

/** Row n (0-based) is bad when n % 100 === 37: ten in all, one of each fault. */
const BAD = [
  'mode not in the list',
  'systolic missing',
  'systolic not a number',
  'date that is no day',
  'unknown resident',
  'unknown doctor',
  'systolic out of range',
  'not enrolled for diabetes',
  'resident id missing',
  'mode missing',
] as const;
type Fault = (typeof BAD)[number];

const residentId = (r: number) => `r-${String(r).padStart(3, '0')}`;
const dir = tempDir('upload-xlsx');
let api: RunningApi;
let http: ReturnType<typeof rawClient>;

const upload = (body: Buffer, query: string, headers: Record<string, string> = {}) =>
  http.send({
    method: 'POST',
    path: `${PATH}${query}`,
    headers: { authorization: `Bearer ${api.rootKey}`, 'content-type': XLSX, ...headers },
    body,
  });

/** What a browser form sends: the workbook as the part "file", the mapping as a field. */
async function uploadForm(
  body: Buffer,
  name: string,
  mapping: string,
  accept = 'application/json',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([body], { type: XLSX }), name);
  form.append('mapping', mapping);
  return fetch(`${api.base}${PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.rootKey}`, accept },
    body: form,
  });
}

async function eventCount(): Promise<number> {
  let n = 0;
  for (
    let page = await api.store.readAll({ limit: 10_000 });
    page.length > 0;
    page = await api.store.readAll({ after: page[page.length - 1].position, limit: 10_000 })
  )
    n += page.length;
  return n;
}

const bytesOf = async (workbook: ExcelJS.Workbook) =>
  Buffer.from(await workbook.xlsx.writeBuffer());

async function sheetOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('表').addRows(rows);
  return bytesOf(workbook);
}

async function filledTemplate(): Promise<Buffer> {
  const template = dir.file('随访模板.xlsx');
  await writeTemplate(shippedMapping('RecordFollowUp')!, template);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
  let n = 0;
  for (let r = 0; r < RESIDENTS; r += 1) {
    for (let v = 0; v < VISITS; v += 1, n += 1) {
      const row = sheet.getRow(3 + n);
      const set = (header: string, value: ExcelJS.CellValue) =>
        (row.getCell(column(header)).value = value);
      set('居民编号', residentId(r));
      // A date cell, a serial number and a typed day, in turn.
      set(
        '随访日期',
        [
          new Date(Date.UTC(2024, 1 + v, 5 + (r % 20))),
          (Date.UTC(2024, 1 + v, 5 + (r % 20)) - Date.UTC(1899, 11, 30)) / 86_400_000,
          `2024年${2 + v}月${5 + (r % 20)}日`,
        ][n % 3],
      );
      set('慢病类型', '高血压');
      set('随访方式', v % 3 === 2 ? '家庭' : '门诊');
      set('收缩压', 120 + ((r + v) % 30));
      set('舒张压', 80);
      set('责任医生', 'doc-1');
      if (n % 100 === 37) spoil(row, BAD[Math.floor(n / 100)]);
    }
  }
  return bytesOf(workbook);
}

function spoil(row: ExcelJS.Row, fault: Fault): void {
  const cell = (header: string) => row.getCell(column(header));
  switch (fault) {
    case 'mode not in the list':
      cell('随访方式').value = '上门';
      break;
    case 'systolic missing':
      cell('收缩压').value = null;
      break;
    case 'systolic not a number':
      cell('收缩压').value = '一百三';
      break;
    case 'date that is no day':
      cell('随访日期').value = '2024/13/45';
      break;
    case 'unknown resident':
      cell('居民编号').value = 'nobody';
      break;
    case 'unknown doctor':
      cell('责任医生').value = 'doc-x';
      break;
    case 'systolic out of range':
      cell('收缩压').value = 400;
      break;
    case 'not enrolled for diabetes':
      cell('慢病类型').value = '糖尿病';
      cell('空腹血糖').value = 6.1;
      break;
    case 'resident id missing':
      cell('居民编号').value = null;
      break;
    case 'mode missing':
      cell('随访方式').value = null;
      break;
  }
}

/** Mends a rejected row in place, the way a clerk would. */
function mend(row: ExcelJS.Row, headers: string[], fault: Fault, r: number): void {
  const cell = (header: string) => row.getCell(headers.indexOf(header) + 1);
  switch (fault) {
    case 'mode not in the list':
    case 'mode missing':
      cell('随访方式').value = '门诊';
      break;
    case 'systolic missing':
    case 'systolic not a number':
    case 'systolic out of range':
      cell('收缩压').value = 135;
      break;
    case 'date that is no day':
      cell('随访日期').value = new Date(Date.UTC(2024, 11, 13));
      break;
    case 'unknown resident':
    case 'resident id missing':
      cell('居民编号').value = residentId(r);
      break;
    case 'unknown doctor':
      cell('责任医生').value = 'doc-1';
      break;
    case 'not enrolled for diabetes':
      cell('慢病类型').value = '高血压';
      cell('空腹血糖').value = null;
      break;
  }
}

beforeAll(async () => {
  api = await startApi();
  http = rawClient(api.base);
  for (const command of [
    { type: 'RegisterOrgUnit', commandId: 'org-d', unitId: 'd1', name: '区', kind: 'district' },
    {
      type: 'RegisterOrgUnit',
      commandId: 'org-c',
      unitId: 'c1',
      name: '中心',
      kind: 'community_centre',
      parentId: 'd1',
    },
    { type: 'RegisterDoctor', commandId: 'doc-1', doctorId: 'doc-1', unitId: 'c1', name: '王医生' },
  ]) {
    const r = await api.post('/api/v1/commands', { ...command, occurredAt: '2024-01-01' });
    expect(r.status).toBe(201);
  }
  // The residents and their enrolment come by upload too: a form, with shipped mappings.
  const residents = await sheetOf([
    ['居民编号', '出生日期', '性别', '管理机构', '重点人群', '登记日期'],
    ...Array.from({ length: RESIDENTS }, (_, r) => [
      residentId(r),
      new Date(Date.UTC(1950, r % 12, 1 + (r % 28))),
      r % 2 ? '男' : '女',
      'c1',
      '高血压',
      '2024-01-02',
    ]),
  ]);
  const enrolments = await sheetOf([
    ['居民编号', '慢病类型', '责任医生', '纳入管理日期'],
    ...Array.from({ length: RESIDENTS }, (_, r) => [residentId(r), '高血压', 'doc-1', '2024/1/10']),
  ]);
  for (const [sheet, type] of [
    [residents, 'RegisterResident'],
    [enrolments, 'EnrollChronicCare'],
  ] as const) {
    const answer = await uploadForm(sheet, `${type}.xlsx`, type);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      read: RESIDENTS,
      appended: RESIDENTS,
      rejected: 0,
    });
  }
});

afterAll(async () => {
  http?.close();
  await api?.close();
  dir.remove();
});

it('round trip: 1,000 rows, 10 bad → rejects xlsx in Chinese → fixed → only those 10 appended, nothing twice', async () => {
  const filled = await filledTemplate();
  const before = await eventCount();

  const first = await fetch(`${api.base}${PATH}?mapping=RecordFollowUp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.rootKey}`, 'content-type': XLSX, accept: XLSX },
    body: filled,
  });
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toContain(XLSX);
  expect(first.headers.get('x-import-read')).toBe('1000');
  expect(first.headers.get('x-import-appended')).toBe('990');
  expect(first.headers.get('x-import-rejected')).toBe('10');
  expect(first.headers.get('content-disposition')).toContain('upload.rejects.xlsx');
  expect(await eventCount()).toBe(before + 990);

  const rejects = new ExcelJS.Workbook();
  await rejects.xlsx.load(await first.arrayBuffer());
  const sheet = rejects.worksheets[0];
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  expect(headers).toEqual([...HEADERS, '原行号 row', '拒绝原因', 'reason']);
  expect(sheet.rowCount).toBe(11);
  const reasons: Partial<Record<Fault, { zh: string; en: string }>> = {};
  for (let i = 2; i <= 11; i += 1) {
    const row = sheet.getRow(i);
    const line = Number(row.getCell(HEADERS.length + 1).value);
    reasons[BAD[Math.floor((line - 3) / 100)]] = {
      zh: String(row.getCell(HEADERS.length + 2).value),
      en: String(row.getCell(HEADERS.length + 3).value),
    };
  }
  expect(Object.keys(reasons).sort()).toEqual([...BAD].sort());
  for (const { zh } of Object.values(reasons)) expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(reasons['mode missing']!.zh).toContain('随访方式 mode：必填');
  expect(reasons['systolic not a number']!.zh).toContain('【收缩压】收缩压 systolic：须为数字');
  expect(reasons['unknown resident']!.en).toMatch(/^RESIDENT_NOT_FOUND/);
  expect(reasons['not enrolled for diabetes']!.en).toMatch(/^NOT_ENROLLED/);

  for (let i = 2; i <= 11; i += 1) {
    const row = sheet.getRow(i);
    const n = Number(row.getCell(HEADERS.length + 1).value) - 3;
    mend(row, headers, BAD[Math.floor(n / 100)], Math.floor(n / VISITS));
  }
  const fixed = await bytesOf(rejects);

  // The fixed rows as a form, the way a browser sends a chosen file: the 10 appended.
  const second = await uploadForm(fixed, '随访.rejects.xlsx', 'RecordFollowUp');
  expect(second.status).toBe(200);
  expect(await second.json()).toMatchObject({
    type: 'RecordFollowUp',
    file: '随访.rejects.xlsx',
    read: 10,
    appended: 10,
    rejected: 0,
    rejections: [],
  });
  expect(await eventCount()).toBe(before + 1000);

  // Both sheets again: nothing twice.
  // Asked for the rejects workbook when none is refused: the header row alone, the counts beside.
  const again = await uploadForm(fixed, '随访.rejects.xlsx', 'RecordFollowUp', XLSX);
  expect(again.headers.get('x-import-duplicates')).toBe('10');
  expect(again.headers.get('x-import-appended')).toBe('0');
  expect(again.headers.get('content-disposition')).toContain(
    encodeURIComponent('随访.rejects.rejects.xlsx'),
  );
  const empty = new ExcelJS.Workbook();
  await empty.xlsx.load(await again.arrayBuffer());
  expect(empty.worksheets[0].rowCount).toBe(1);
  const whole = await upload(filled, '?mapping=RecordFollowUp');
  expect(whole.status).toBe(200);
  expect(whole.body).toMatchObject({ read: 1000, appended: 0, duplicates: 990, rejected: 10 });
  expect(await eventCount()).toBe(before + 1000);

  // The JSON answer names each refused row and why, in both languages.
  const missing = whole.body.rejections.find((r: any) => r.row === 3 + 937);
  expect(missing).toMatchObject({
    code: 'VALIDATION_FAILED',
    message: { zh: expect.stringContaining('随访方式 mode：必填') },
    errors: [expect.objectContaining({ field: 'mode' })],
  });
  expect(missing.message.en).toMatch(/mode/);
});

it("runs every row as the key's owner: a recorder of another centre is refused row by row", async () => {
  const c2 = await api.post('/api/v1/commands', {
    type: 'RegisterOrgUnit',
    commandId: 'org-c2',
    unitId: 'c2',
    name: '另一中心',
    kind: 'community_centre',
    parentId: 'd1',
    occurredAt: '2024-01-01',
  });
  expect(c2.status).toBe(201);
  const other = await api.keyFor(['recorder'], 'c2');
  const sheet = await sheetOf([
    ['居民编号', '随访日期', '慢病类型', '随访方式', '收缩压', '舒张压', '责任医生'],
    [residentId(1), '2024-12-28', '高血压', '门诊', 130, 80, 'doc-1'],
    [residentId(2), '2024-12-28', '高血压', '门诊', 130, 80, 'doc-1'],
  ]);
  const before = await eventCount();
  const answer = await http.send({
    method: 'POST',
    path: `${PATH}?mapping=RecordFollowUp`,
    headers: { authorization: `Bearer ${other.key}`, 'content-type': XLSX },
    body: sheet,
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ read: 2, appended: 0, rejected: 2 });
  expect(answer.body.rejections.map((r: any) => [r.row, r.code])).toEqual([
    [2, 'FORBIDDEN'],
    [3, 'FORBIDDEN'],
  ]);
  expect(answer.body.rejections[0].message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(await eventCount()).toBe(before);
});

describe('refusals: a clear 4xx in both languages, nothing appended, never a 500', () => {
  const refusal = (
    reply: { status: number; body: any },
    status: number,
    code: string,
    field: string,
  ) => {
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ statusCode: status, error: code });
    expect(reply.body.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(reply.body.message.en).toMatch(/[a-z]/);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field })]);
  };

  it('bytes that are no workbook', async () => {
    const before = await eventCount();
    refusal(
      await upload(Buffer.from('居民编号,随访日期\nr-1,2024-01-01\n'), '?mapping=RecordFollowUp'),
      400,
      'NOT_XLSX',
      'file',
    );
    expect(await eventCount()).toBe(before);
  });

  it('a body of another type', async () => {
    refusal(
      await upload(Buffer.from('a,b\n'), '?mapping=RecordFollowUp', { 'content-type': 'text/csv' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
    refusal(
      await http.send({
        method: 'POST',
        path: `${PATH}?mapping=RecordFollowUp`,
        headers: { authorization: `Bearer ${api.rootKey}`, 'content-type': 'application/json' },
        body: '{"type":"RecordFollowUp"}',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
  });

  it('no workbook, no mapping, a mapping that is no type, a column the mapping does not name', async () => {
    const sheet = await sheetOf([
      ['居民编号', '随访日期', '备注'],
      [residentId(1), '2024-12-20', '复查'],
    ]);
    refusal(await upload(Buffer.alloc(0), '?mapping=RecordFollowUp'), 400, 'SHEET_MISSING', 'file');
    refusal(await upload(sheet, ''), 400, 'MAPPING_MISSING', 'mapping');
    refusal(await upload(sheet, '?mapping=RecordHaircut'), 400, 'MAPPING_UNREADABLE', 'mapping');
    const unmapped = await upload(sheet, '?mapping=RecordFollowUp');
    refusal(unmapped, 400, 'UNMAPPED_COLUMN', 'file');
    expect(unmapped.body.message.zh).toContain('"备注"');
    refusal(
      await upload(sheet, '?mapping=RecordFollowUp&sheet=1'),
      400,
      'VALIDATION_FAILED',
      'sheet',
    );
  });

  it('a workbook over the size limit, as a body and as a form part', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    refusal(await upload(big, '?mapping=RecordFollowUp'), 413, 'PAYLOAD_TOO_LARGE', '(body)');
    const form = await uploadForm(big, 'big.xlsx', 'RecordFollowUp');
    expect(form.status).toBe(413);
    refusal({ status: 413, body: await form.json() }, 413, 'PAYLOAD_TOO_LARGE', 'file');
  });
});
