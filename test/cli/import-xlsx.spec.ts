import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { SqliteEventStore, type RecordedEvent } from '@libs/ledger';
import { runCli, withoutProgress } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * A supervisor's day in Excel, with the built CLI on real xlsx files: the template, filled with
 * 1,000 follow-ups of which 10 are bad, imported; the rejects workbook read back, its 10 rows
 * fixed in place and imported; nothing appended twice.
 */

const RESIDENTS = 100;
const VISITS = 10;
const HEADERS = [
  '居民编号',
  '随访日期',
  '慢病类型',
  '随访方式',
  '收缩压',
  '舒张压',
  '空腹血糖',
  '体重',
  '是否转诊',
  '责任医生',
  '记录编号',
];
const column = (header: string): number => HEADERS.indexOf(header) + 1;

/** Row n (0-based) of the sheet is bad when n % 100 === 37: ten in all, one of each fault. */
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

const dir = tempDir('import-xlsx');
const db = dir.file('ledger.sqlite');
const env = { LEDGER_STORE: `sqlite:${db}` };

afterAll(() => dir.remove());

async function ledger(...args: string[]) {
  const result = await runCli(args, env);
  return result;
}

async function eventCount(): Promise<number> {
  const store = new SqliteEventStore({ path: db });
  try {
    let n = 0;
    for (
      let page = await store.readAll({ limit: 10_000 });
      page.length > 0;
      page = await store.readAll({ after: page[page.length - 1].position, limit: 10_000 })
    )
      n += page.length;
    return n;
  } finally {
    await store.close();
  }
}

async function followUpEvents(): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path: db });
  try {
    const events: RecordedEvent[] = [];
    for (
      let page = await store.readAll({ limit: 10_000 });
      page.length > 0;
      page = await store.readAll({ after: page[page.length - 1].position, limit: 10_000 })
    )
      events.push(...page.filter((e) => e.type === 'FollowUpRecorded'));
    return events;
  } finally {
    await store.close();
  }
}

const residentId = (r: number) => `r-${String(r).padStart(3, '0')}`;

/** The five ways a day reaches a sheet: a date cell, a serial number, and three typed forms. */
function dayCell(cell: ExcelJS.Cell, month: number, day: number, way: number): void {
  const iso = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  switch (way % 5) {
    case 0:
      cell.value = new Date(`${iso}T00:00:00Z`);
      break;
    case 1:
      cell.value = (Date.UTC(2024, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
      cell.numFmt = 'General';
      break;
    case 2:
      cell.value = `2024/${month}/${day}`;
      break;
    case 3:
      cell.value = `2024年${month}月${day}日`;
      break;
    default:
      cell.value = iso;
  }
}

async function fillFollowUps(template: string, out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.worksheets[0];
  let n = 0;
  for (let r = 0; r < RESIDENTS; r += 1) {
    for (let v = 0; v < VISITS; v += 1, n += 1) {
      const row = sheet.getRow(3 + n);
      const set = (header: string, value: ExcelJS.CellValue) =>
        (row.getCell(column(header)).value = value);
      set('居民编号', residentId(r));
      dayCell(row.getCell(column('随访日期')), 2 + v, 5 + (r % 20), n);
      set('慢病类型', '高血压');
      set('随访方式', v % 3 === 2 ? '家庭' : '门诊');
      set('收缩压', 120 + ((r + v) % 30));
      set('舒张压', 80);
      set('责任医生', 'doc-1');
      if (n % 100 === 37) spoil(row, BAD[Math.floor(n / 100)]);
    }
  }
  await workbook.xlsx.writeFile(out);
}

function spoil(row: ExcelJS.Row, fault: (typeof BAD)[number]): void {
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

/** Mends the rejected row in place, the way a clerk would. */
function mend(row: ExcelJS.Row, sheetHeaders: string[], fault: (typeof BAD)[number], r: number) {
  const cell = (header: string) => row.getCell(sheetHeaders.indexOf(header) + 1);
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
  const setup = [
    { type: 'RegisterOrgUnit', commandId: 'org-d', unitId: 'd1', name: '区', kind: 'district' },
    {
      type: 'RegisterOrgUnit',
      commandId: 'org-c',
      unitId: 'c1',
      name: '中心',
      kind: 'community_centre',
      parentId: 'd1',
    },
    { type: 'RegisterDoctor', commandId: 'doc-1', doctorId: 'doc-1', unitId: 'c1' },
  ].map((c) => JSON.stringify({ ...c, occurredAt: '2024-01-01' }));
  writeFileSync(dir.file('setup.ndjson'), `${setup.join('\n')}\n`);
  expect((await ledger('import', dir.file('setup.ndjson'))).code).toBe(0);

  // Residents and their enrolment come from the ledger's own templates too.
  for (const type of ['RegisterResident', 'EnrollChronicCare']) {
    const out = dir.file(`${type}.xlsx`);
    expect((await ledger('template', '--type', type, '--out', out)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    for (let r = 0; r < RESIDENTS; r += 1) {
      sheet.getRow(3 + r).values =
        type === 'RegisterResident'
          ? [
              residentId(r),
              new Date(Date.UTC(1950, r % 12, 1 + (r % 28))),
              r % 2 ? '男' : '女',
              'c1',
              null,
              '高血压',
              '2024-01-02',
            ]
          : [residentId(r), '高血压', 'doc-1', '2024年1月10日'];
    }
    await workbook.xlsx.writeFile(out);
    const run = await ledger('import', out, '--mapping', type, '--json');
    expect(withoutProgress(run.stderr)).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ read: RESIDENTS, appended: RESIDENTS });
  }
});

it('round trip: template → 1,000 rows, 10 bad → rejects.xlsx in Chinese → fixed → only those 10 appended', async () => {
  const template = dir.file('template.xlsx');
  expect((await ledger('template', '--type', 'RecordFollowUp', '--out', template)).code).toBe(0);
  const check = new ExcelJS.Workbook();
  await check.xlsx.readFile(template);
  const templateSheet = check.worksheets[0];
  expect(templateSheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
  expect(templateSheet.getRow(2).getCell(1).value).toBe('residentId');
  const modeValidation = (
    templateSheet as unknown as {
      dataValidations: { model: Record<string, ExcelJS.DataValidation> };
    }
  ).dataValidations.model;
  expect(Object.values(modeValidation).map((v) => v.formulae[0])).toContain('"门诊,家庭,电话"');

  const filled = dir.file('随访.xlsx');
  await fillFollowUps(template, filled);
  const before = await eventCount();

  const first = await ledger('import', filled, '--mapping', 'RecordFollowUp', '--json');
  expect(first.code).toBe(1);
  expect(JSON.parse(first.stdout)).toMatchObject({
    read: 1000,
    appended: 990,
    rejected: 10,
    rejectsFile: `${filled}.rejects.xlsx`,
  });
  expect(await eventCount()).toBe(before + 990);

  // Every way of typing a day lands on that China day.
  const days = new Set((await followUpEvents()).map((e) => e.occurredAt.slice(0, 10)));
  expect(days).toContain('2024-02-05'); // row 0: a date cell
  expect(days).toContain('2024-03-05'); // row 1: a serial number
  expect(days).toContain('2024-04-05'); // row 2: 2024/4/5
  expect(days).toContain('2024-05-05'); // row 3: 2024年5月5日
  // None shifted a day back by a zone: every visit was on day 5–24 of its month.
  for (const day of days) expect(Number(day.slice(8))).toBeGreaterThanOrEqual(5);

  const rejects = new ExcelJS.Workbook();
  await rejects.xlsx.readFile(`${filled}.rejects.xlsx`);
  const sheet = rejects.worksheets[0];
  const sheetHeaders = (sheet.getRow(1).values as string[]).slice(1);
  expect(sheetHeaders).toEqual([...HEADERS, '原行号 row', '拒绝原因', 'reason']);
  expect(sheet.rowCount).toBe(11);
  const reasons: Record<string, { zh: string; en: string; row: ExcelJS.Row }> = {};
  for (let i = 2; i <= 11; i += 1) {
    const row = sheet.getRow(i);
    const line = Number(row.getCell(HEADERS.length + 1).value);
    reasons[BAD[Math.floor((line - 3) / 100)]] = {
      row,
      zh: String(row.getCell(HEADERS.length + 2).value),
      en: String(row.getCell(HEADERS.length + 3).value),
    };
  }
  expect(Object.keys(reasons).sort()).toEqual([...BAD].sort());
  for (const { zh } of Object.values(reasons)) expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(reasons['mode not in the list'].en).toMatch(/^VALIDATION_FAILED: .*mode/);
  expect(reasons['unknown resident'].en).toMatch(/^RESIDENT_NOT_FOUND/);
  expect(reasons['unknown doctor'].en).toMatch(/^DOCTOR_NOT_FOUND/);
  expect(reasons['systolic out of range'].en).toMatch(/^VITALS_OUT_OF_RANGE/);
  expect(reasons['not enrolled for diabetes'].en).toMatch(/^NOT_ENROLLED/);
  expect(reasons['date that is no day'].zh).toMatch(/随访日期|发生时间 occurredAt/);
  // Messages name the field with its Chinese label, say 必填 when it is missing, list the values.
  expect(reasons['resident id missing'].zh).toContain('居民编号 residentId：必填');
  expect(reasons['mode missing'].zh).toContain('随访方式 mode：必填');
  expect(reasons['mode not in the list'].zh).toContain('face_to_face_clinic（门诊）');
  expect(reasons['systolic not a number'].zh).toContain('【收缩压】收缩压 systolic：须为数字');
  expect(reasons['date that is no day'].zh).toContain('【随访日期】发生时间 occurredAt');
  // The faulty cell is shaded.
  const shaded = reasons['systolic not a number'].row.getCell(column('收缩压')).fill;
  expect(shaded).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
  // The rows come back as they were typed.
  const modeRow = reasons['mode not in the list'].row;
  expect(modeRow.getCell(column('随访方式')).value).toBe('上门');

  for (let i = 2; i <= 11; i += 1) {
    const row = sheet.getRow(i);
    const line = Number(row.getCell(HEADERS.length + 1).value);
    const n = line - 3;
    mend(row, sheetHeaders, BAD[Math.floor(n / 100)], Math.floor(n / VISITS));
  }
  const fixed = dir.file('随访-fixed.xlsx');
  await rejects.xlsx.writeFile(fixed);

  const second = await ledger('import', fixed, '--mapping', 'RecordFollowUp', '--json');
  expect(withoutProgress(second.stderr)).toBe('');
  expect(JSON.parse(second.stdout)).toMatchObject({ read: 10, appended: 10, rejected: 0 });
  expect(await eventCount()).toBe(before + 1000);

  // Again, both files: nothing twice.
  const again = await ledger('import', fixed, '--mapping', 'RecordFollowUp', '--json');
  expect(JSON.parse(again.stdout)).toMatchObject({ read: 10, appended: 0, duplicates: 10 });
  const whole = await ledger('import', filled, '--mapping', 'RecordFollowUp', '--json');
  expect(JSON.parse(whole.stdout)).toMatchObject({ appended: 0, duplicates: 990, rejected: 10 });
  expect(await eventCount()).toBe(before + 1000);
});

it('cannot run (exit 2, nothing appended) without a mapping or with a column the mapping does not name', async () => {
  const sheet = dir.file('备注.xlsx');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('随访').addRows([
    ['居民编号', '随访日期', '备注'],
    [residentId(1), '2024-12-20', '复查'],
  ]);
  await workbook.xlsx.writeFile(sheet);
  const before = await eventCount();
  const unmapped = await ledger('import', sheet);
  expect(unmapped.code).toBe(2);
  expect(unmapped.stderr).toMatch(/--mapping/);
  const unknown = await ledger('import', sheet, '--mapping', 'RecordFollowUp');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/"备注"/);
  expect(await eventCount()).toBe(before);
});
