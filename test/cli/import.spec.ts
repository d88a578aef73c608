import stringWidth from 'string-width';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SqliteEventStore, type RecordedEvent } from '@libs/ledger';
import { runCli, withoutProgress } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * `ledger import` run as a user runs it: the built CLI on files in a scratch folder, the result
 * read back from the SQLite file.
 */

type Command = Record<string, unknown>;

const TOTAL_LINES = 100_000;
/** Every 100th line is bad, 1,000 in all, cycling through these kinds. */
const BAD_EVERY = 100;
const BAD_KINDS = [
  'MALFORMED_JSON', // cut off mid-object
  'MALFORMED_JSON', // trailing comma
  'VALIDATION_FAILED', // systolic "abc"
  'VALIDATION_FAILED', // no residentId
  'VALIDATION_FAILED', // unknown command type
  'NOT_ENROLLED', // diabetes follow-up, enrolled in hypertension only
  'VITALS_OUT_OF_RANGE', // systolic 400
  'SERVICE_AFTER_DEATH', // follow-up dated after the death
  'RESIDENT_NOT_FOUND',
  'DOCTOR_NOT_FOUND',
] as const;

const DOCTORS = 5;
const DEAD = 10;

/** The org tree, doctors and ten residents who die in March, then blocks of ten per resident. */
function goodLines(): Command[] {
  const lines: Command[] = [
    {
      type: 'RegisterOrgUnit',
      commandId: 'org-d1',
      unitId: 'd1',
      name: 'District 1',
      kind: 'district',
      occurredAt: '2024-01-01',
    },
    {
      type: 'RegisterOrgUnit',
      commandId: 'org-c1',
      unitId: 'c1',
      name: 'Centre 1',
      kind: 'community_centre',
      parentId: 'd1',
      occurredAt: '2024-01-01',
    },
    {
      type: 'RegisterOrgUnit',
      commandId: 'org-t1',
      unitId: 't1',
      name: 'Team 1',
      kind: 'team',
      parentId: 'c1',
      occurredAt: '2024-01-01',
    },
  ];
  for (let d = 1; d <= DOCTORS; d += 1) {
    lines.push({
      type: 'RegisterDoctor',
      commandId: `doc-${d}`,
      doctorId: `doc-${d}`,
      unitId: 'c1',
      teamId: 't1',
      occurredAt: '2024-01-01',
    });
  }
  for (let k = 0; k < DEAD; k += 1) {
    lines.push(resident(`dead-${k}`));
    lines.push({
      type: 'RecordResidentDeath',
      commandId: `death-${k}`,
      residentId: `dead-${k}`,
      occurredAt: '2024-03-01',
    });
  }
  for (let r = 0; lines.length < TOTAL_LINES - TOTAL_LINES / BAD_EVERY; r += 1) {
    const residentId = `r-${r}`;
    const doctorId = `doc-${(r % DOCTORS) + 1}`;
    lines.push(resident(residentId, r));
    lines.push({
      type: 'EnrollChronicCare',
      commandId: `enrol-${r}`,
      residentId,
      condition: 'hypertension',
      doctorId,
      occurredAt: '2024-01-10',
    });
    for (let m = 2; m <= 9; m += 1) {
      lines.push(
        followUp(`fu-${r}-${m}`, residentId, `2024-0${m}-15`, {
          doctorId,
          systolic: 118 + ((r + m) % 40),
        }),
      );
    }
  }
  return lines.slice(0, TOTAL_LINES - TOTAL_LINES / BAD_EVERY);
}

function resident(residentId: string, r = 0): Command {
  return {
    type: 'RegisterResident',
    commandId: `reg-${residentId}`,
    residentId,
    birthDate: `19${50 + (r % 40)}-0${1 + (r % 9)}-1${r % 10}`,
    sex: r % 2 === 0 ? 'female' : 'male',
    unitId: 'c1',
    ...(r % 3 === 0 ? { tags: ['hypertension'] } : {}),
    occurredAt: '2024-01-02',
  };
}

function followUp(
  commandId: string,
  residentId: string,
  occurredAt: string,
  fields: Command = {},
): Command {
  return {
    type: 'RecordFollowUp',
    commandId,
    residentId,
    doctorId: 'doc-1',
    condition: 'hypertension',
    mode: 'face_to_face_clinic',
    systolic: 128,
    diastolic: 82,
    occurredAt,
    ...fields,
  };
}

/** The text of bad line `n`, of kind BAD_KINDS[k % 10]. */
function badLine(n: number, k: number): string {
  const commandId = `bad-${n}`;
  switch (k % BAD_KINDS.length) {
    case 0:
      return JSON.stringify(followUp(commandId, 'r-0', '2024-06-01')).slice(0, 45);
    case 1:
      return `{"type":"RecordFollowUp","commandId":"${commandId}",}`;
    case 2:
      return JSON.stringify(followUp(commandId, 'r-0', '2024-06-01', { systolic: 'abc' }));
    case 3: {
      const command = followUp(commandId, 'r-0', '2024-06-01');
      delete command.residentId;
      return JSON.stringify(command);
    }
    case 4:
      return JSON.stringify({
        ...followUp(commandId, 'r-0', '2024-06-01'),
        type: 'RecordFollowup',
      });
    case 5:
      return JSON.stringify(
        followUp(commandId, 'r-0', '2024-06-01', { condition: 'diabetes', fastingGlucose: 6.1 }),
      );
    case 6:
      return JSON.stringify(followUp(commandId, 'r-0', '2024-06-01', { systolic: 400 }));
    case 7:
      return JSON.stringify(
        followUp(commandId, `dead-${Math.floor(k / BAD_KINDS.length) % DEAD}`, '2024-05-01'),
      );
    case 8:
      return JSON.stringify(followUp(commandId, `nobody-${n}`, '2024-06-01'));
    default:
      return JSON.stringify(followUp(commandId, 'r-0', '2024-06-01', { doctorId: 'ghost-doctor' }));
  }
}

/** Writes the file; returns the rejects expected, in line order. */
function writeImportFile(path: string): { line: number; code: string }[] {
  const good = goodLines();
  const text: string[] = [];
  const expected: { line: number; code: string }[] = [];
  let g = 0;
  for (let n = 1; n <= TOTAL_LINES; n += 1) {
    if (n % BAD_EVERY === 0) {
      const k = n / BAD_EVERY - 1;
      text.push(badLine(n, k));
      expected.push({ line: n, code: BAD_KINDS[k % BAD_KINDS.length] });
    } else {
      text.push(JSON.stringify(good[g]));
      g += 1;
    }
  }
  expect(g).toBe(good.length);
  writeFileSync(path, `${text.join('\n')}\n`);
  return expected;
}

interface Summary {
  read: number;
  appended: number;
  duplicates: number;
  unchanged: number;
  rejected: number;
  eventsAppended: number;
  perSecond: number;
  elapsedSeconds: number;
  rejectsFile: string | null;
}

const summaryOf = (stdout: string): Summary => JSON.parse(stdout) as Summary;

const rejectsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          line: number;
          reason: { code: string; en: string; zh: string; errors?: { field: string }[] };
          input: string;
        },
    );

/** Every event of the log, read a page at a time. */
async function allEvents(path: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path });
  try {
    const events: RecordedEvent[] = [];
    for (
      let page = await store.readAll({ limit: 10_000 });
      page.length > 0;
      page = await store.readAll({ after: page[page.length - 1].position, limit: 10_000 })
    ) {
      events.push(...page);
    }
    return events;
  } finally {
    await store.close();
  }
}

describe('ledger import (NDJSON, 100,000 lines, 1% bad)', () => {
  const dir = tempDir('ledger-import');
  const file = dir.file('commands.ndjson');
  const db = dir.file('ledger.sqlite');
  const rejectsFile = `${file}.rejects.ndjson`;
  let expected: { line: number; code: string }[];
  let firstRejects: string;

  beforeAll(() => {
    expected = writeImportFile(file);
  });
  afterAll(() => dir.remove());

  it('appends every good line once and writes exactly the expected rejects', async () => {
    const result = await runCli(['import', file, '--fast', '--json', '--store', `sqlite:${db}`]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
    const summary = summaryOf(result.stdout);
    process.stdout.write(
      `import of ${TOTAL_LINES} lines with --fast: ${summary.perSecond} lines/s (${summary.elapsedSeconds} s)\n`,
    );
    expect(summary).toMatchObject({
      read: TOTAL_LINES,
      appended: 99_000,
      duplicates: 0,
      unchanged: 0,
      rejected: 1_000,
      eventsAppended: 99_000,
      rejectsFile: `${file}.rejects.ndjson`,
    });

    const rejects = rejectsOf(rejectsFile);
    expect(rejects.map((r) => ({ line: r.line, code: r.reason.code }))).toEqual(expected);
    const fileLines = readFileSync(file, 'utf8').split('\n');
    for (const r of rejects) {
      expect(r.input).toBe(fileLines[r.line - 1]);
      expect(r.reason.en).toEqual(expect.any(String));
      expect(r.reason.zh).toEqual(expect.any(String));
    }
    const byLine = new Map(rejects.map((r) => [r.line, r]));
    expect(byLine.get(300)!.reason.errors!.map((e) => e.field)).toContain('systolic');
    expect(byLine.get(400)!.reason.errors!.map((e) => e.field)).toContain('residentId');
    expect(new Set(byLine.get(500)!.reason.errors!.map((e) => e.field))).toEqual(new Set(['type']));
    expect(byLine.get(800)!.reason.zh).toMatch(/死亡/);
    firstRejects = readFileSync(rejectsFile, 'utf8');

    const events = await allEvents(db);
    expect(events).toHaveLength(99_000);
    expect(events[events.length - 1].position).toBe(99_000);
    expect(new Set(events.map((e) => e.commandId)).size).toBe(99_000);
    expect(events.every((e) => e.actor === 'operator')).toBe(true);
    expect(events.some((e) => e.commandId?.startsWith('bad-'))).toBe(false);
    const types = new Map<string, number>();
    for (const e of events) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    expect(types.get('OrgUnitRegistered')).toBe(3);
    expect(types.get('DoctorRegistered')).toBe(DOCTORS);
    expect(types.get('ResidentDied')).toBe(DEAD);
  }, 600_000);

  it('appends nothing when the same file is imported again', async () => {
    const result = await runCli(['import', file, '--json', '--store', `sqlite:${db}`]);
    expect(result.code).toBe(1);
    const summary = summaryOf(result.stdout);
    process.stdout.write(
      `re-import of ${TOTAL_LINES} lines (all duplicates, full durability): ${summary.perSecond} lines/s\n`,
    );
    expect(summary).toMatchObject({
      read: TOTAL_LINES,
      appended: 0,
      duplicates: 99_000,
      unchanged: 0,
      rejected: 1_000,
      eventsAppended: 0,
    });
    expect(readFileSync(rejectsFile, 'utf8')).toBe(firstRejects);
    const store = new SqliteEventStore({ path: db });
    try {
      expect(await store.headPosition()).toBe(99_000);
    } finally {
      await store.close();
    }
  }, 600_000);
});

describe('ledger import (CSV)', () => {
  const dir = tempDir('ledger-import-csv');
  const db = dir.file('ledger.sqlite');
  const store = ['--store', `sqlite:${db}`];
  afterAll(() => dir.remove());

  const write = (name: string, rows: string[]): string => {
    const path = dir.file(name);
    writeFileSync(path, `${rows.join('\r\n')}\r\n`);
    return path;
  };

  it('imports rows of several types from one file when a type column is given', async () => {
    const path = write('setup.csv', [
      'type,commandId,unitId,name,kind,parentId,doctorId,teamId,occurredAt',
      'RegisterOrgUnit,u1,d1,"District 1, north",district,,,,2024-01-01',
      'RegisterOrgUnit,u2,c1,Centre 1,community_centre,d1,,,2024-01-01',
      'RegisterOrgUnit,u3,t1,Team 1,team,c1,,,2024-01-01',
      'RegisterDoctor,doc-1,,,,,doc-1,t1,2024-01-01',
    ]);
    const added = await runCli([
      'actors',
      'add',
      '--name',
      'clinic system',
      '--role',
      'admin',
      '--id',
      'clinic-sys',
      ...store,
    ]);
    const key = /(phl_\S+)/.exec(added.stdout)![1];
    const result = await runCli(['import', path, ...store, '--key', key]);
    expect(withoutProgress(result.stderr)).toBe('');
    expect(result.code).toBe(1);
    // The doctor row gives no unitId: validation names it, and the row's line.
    const [reject] = rejectsOf(`${path}.rejects.ndjson`);
    expect(reject).toMatchObject({
      line: 5,
      reason: { code: 'VALIDATION_FAILED' },
      input: 'RegisterDoctor,doc-1,,,,,doc-1,t1,2024-01-01',
    });
    expect(new Set(reject.reason.errors!.map((e) => e.field))).toEqual(new Set(['unitId']));

    const fixed = write('setup.csv', [
      'type,commandId,unitId,name,kind,parentId,doctorId,teamId,occurredAt',
      'RegisterOrgUnit,u1,d1,"District 1, north",district,,,,2024-01-01',
      'RegisterOrgUnit,u2,c1,Centre 1,community_centre,d1,,,2024-01-01',
      'RegisterOrgUnit,u3,t1,Team 1,team,c1,,,2024-01-01',
      'RegisterDoctor,doc-1,c1,,,,doc-1,t1,2024-01-01',
    ]);
    const again = await runCli(['import', fixed, ...store, '--lang', 'en'], { LEDGER_KEY: key });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /rows read\s+4\n\s+appended \(new\)\s+1\n\s+already present\s+3\n/,
    );
    expect(existsSync(`${path}.rejects.ndjson`)).toBe(false);
    const events = (await allEvents(db)).filter(
      (e) => e.streamId.startsWith('orgunit-') || e.streamId.startsWith('doctor-'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'OrgUnitRegistered',
      'OrgUnitRegistered',
      'OrgUnitRegistered',
      'DoctorRegistered',
    ]);
    expect(events[0].data).toMatchObject({ name: 'District 1, north', parentId: null });
    expect(events.every((e) => e.actor === 'clinic-sys')).toBe(true);
  });

  it('rejects a line that reuses a commandId for other content, with COMMAND_ID_REUSED', async () => {
    const path = write('reused.csv', [
      'type,commandId,unitId,name,kind,parentId,occurredAt',
      'RegisterOrgUnit,u3,t2,Team 2,team,c1,2024-01-01',
      'RegisterOrgUnit,u2,c1,Centre 1,community_centre,d1,2024-01-01',
    ]);
    const result = await runCli(['import', path, ...store]);
    expect(result.code).toBe(1);
    // The summary in Chinese by default, its figures ending at one column.
    expect(result.stdout).toMatch(/已存在\s+1\n/);
    const figures = result.stdout.split('\n').filter((l) => /^ {2}\S.*\d$/.test(l));
    expect(figures.length).toBeGreaterThan(4);
    expect(new Set(figures.map((l) => stringWidth(l))).size).toBe(1);
    const [reject, ...more] = rejectsOf(`${path}.rejects.ndjson`);
    expect(more).toEqual([]);
    expect(reject).toMatchObject({ line: 2, reason: { code: 'COMMAND_ID_REUSED' } });
    expect(reject.reason.zh).toContain('u3');
    const events = await allEvents(db);
    expect(events.some((e) => e.streamId.includes('t2'))).toBe(false);
  });

  it("holds a keyed import to the key's role and unit scope, line by line", async () => {
    const added = await runCli([
      'actors',
      'add',
      '--name',
      'c1 recorder',
      '--role',
      'recorder',
      '--unit',
      'c1',
      ...store,
    ]);
    const key = /(phl_\S+)/.exec(added.stdout)![1];
    const path = write('scoped.csv', [
      'type,commandId,residentId,birthDate,sex,unitId,occurredAt',
      'RegisterResident,s-1,res-in-c1,1950-01-01,female,c1,2024-02-01',
      'RegisterResident,s-2,res-in-d1,1950-01-01,female,d1,2024-02-01',
    ]);
    const result = await runCli(['import', path, ...store, '--key', key]);
    expect(result.code).toBe(1);
    const [reject] = rejectsOf(`${path}.rejects.ndjson`);
    expect(reject).toMatchObject({
      line: 3,
      reason: { code: 'FORBIDDEN', details: { why: 'scope', outside: ['d1'] } },
    });
    expect(reject.reason.zh).toMatch(/不在用户/);
  });

  it('converts numbers, booleans, tag lists and vitals columns; rejects a bad row with its line', async () => {
    const residents = write('residents.csv', [
      'commandId,residentId,birthDate,sex,unitId,tags,occurredAt',
      'reg-a,a,1950-03-01,female,c1,hypertension|diabetes,2024-01-02',
      'reg-b,b,1948-07-12,male,c1,disabled; low_income,2024-01-02',
      'reg-c,c,1990-11-30,female,c1,,2024-01-02',
    ]);
    expect((await runCli(['import', residents, '--type', 'RegisterResident', ...store])).code).toBe(
      0,
    );

    const checkups = write('checkups.csv', [
      'type,commandId,residentId,doctorId,kind,complete,systolic,diastolic,fastingGlucose,weightKg,heightCm,occurredAt',
      'RecordCheckup,ck-a,a,doc-1,elderly_annual,是,132,84,6.2,61.5,158,2024-03-05',
      'RecordCheckup,ck-b,b,doc-1,elderly_annual,0,,,,70,,2024-03-06',
      'RecordCheckup,ck-c,c,doc-1,other,true,abc,80,,,,2024-03-07',
      '',
      'RecordCheckup,ck-d,c,doc-1,other,true,120,80',
      'RecordCheckup,ck-e,c,doc-1,other,1,120,80,,,,2024-03-08',
    ]);
    const result = await runCli(['import', checkups, ...store, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /rows read\s+5\n\s+appended \(new\)\s+3\n\s+already present\s+0\n\s+unchanged\s+0\n\s+rejected\s+2/,
    );
    const rejects = rejectsOf(`${checkups}.rejects.ndjson`);
    expect(rejects.map((r) => [r.line, r.reason.code])).toEqual([
      [4, 'VALIDATION_FAILED'],
      [6, 'CSV_COLUMN_COUNT'],
    ]);
    expect(new Set(rejects[0].reason.errors!.map((e) => e.field))).toEqual(
      new Set(['vitals.systolic']),
    );
    expect(rejects[0].input).toBe('RecordCheckup,ck-c,c,doc-1,other,true,abc,80,,,,2024-03-07');

    const events = await allEvents(db);
    const data = (commandId: string) => events.find((e) => e.commandId === commandId)!.data;
    expect(data('reg-a')).toMatchObject({ tags: ['hypertension', 'diabetes'] });
    expect(data('reg-b')).toMatchObject({ tags: ['disabled', 'low_income'] });
    expect(data('reg-c')).toMatchObject({ tags: [] });
    expect(data('ck-a')).toMatchObject({
      complete: true,
      vitals: { systolic: 132, diastolic: 84, fastingGlucose: 6.2, weightKg: 61.5, heightCm: 158 },
    });
    expect(data('ck-b')).toMatchObject({ complete: false, vitals: { weightKg: 70 } });
    expect(data('ck-b').vitals).toEqual({ weightKg: 70 });
    expect(data('ck-e')).toMatchObject({
      complete: true,
      vitals: { systolic: 120, diastolic: 80 },
    });
  });

  it('refuses CSV for a command with nested lists', async () => {
    const path = write('targets.csv', [
      'commandId,unitId,year,occurredAt',
      't-1,c1,2024,2024-01-01',
    ]);
    const result = await runCli(['import', path, '--type', 'AssignTargets', ...store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'ledger: AssignTargets 含嵌套字段，不能用 CSV 导入，请用 NDJSON / AssignTargets has nested fields and cannot be imported from CSV; use NDJSON\n',
    );
  });
});

describe('ledger import, usage and fatal errors', () => {
  const dir = tempDir('ledger-import-usage');
  afterAll(() => dir.remove());

  it('says in one line that a file does not exist, exit 2', async () => {
    const missing = dir.file('missing.ndjson');
    const result = await runCli(['import', missing, '--store', `sqlite:${dir.file('x.sqlite')}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ledger: 无法读取 ${missing}：文件不存在 / cannot read ${missing}: no such file\n`,
    );
    const english = await runCli(['import', missing, '--lang', 'en']);
    expect(english.stderr).toBe(`ledger: cannot read ${missing}: no such file\n`);
    expect(result.stdout).toBe('');
  });

  it('shows usage with --help', async () => {
    const result = await runCli(['import', '--help', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ledger import \[options\] <file>/);
    expect(result.stdout).toMatch(/--fast/);
    expect(result.stdout).toMatch(
      /Exit status: 0 every line accepted; 1 some lines rejected, or the store did not answer/,
    );
  });

  it('names a bad flag and a bad key, exit 2 (not 1, which means rejected lines)', async () => {
    const flag = await runCli(['import', 'x.ndjson', '--fsat']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^错误：未知选项 '--fsat'/);
    const english = await runCli(['import', 'x.ndjson', '--fsat', '--lang', 'en']);
    expect([english.code, english.stderr]).toEqual([
      2,
      expect.stringMatching(/^error: unknown option '--fsat'/),
    ]);
    const file = dir.file('one.ndjson');
    writeFileSync(file, '{}\n');
    const key = await runCli([
      'import',
      file,
      '--key',
      'phl_nonsense',
      '--store',
      `sqlite:${dir.file('keyless.sqlite')}`,
    ]);
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/the API key is not valid or has been revoked/);
    // The key's refusal in Chinese first, as the ledger says it.
    expect(key.stderr).toMatch(/^ledger: [^/]*[\u4e00-\u9fff][^/]* \/ .*not valid/);
  });

  it('handles an empty file', async () => {
    const empty = dir.file('empty.ndjson');
    writeFileSync(empty, '');
    const result = await runCli([
      'import',
      empty,
      '--json',
      '--store',
      `sqlite:${dir.file('y.sqlite')}`,
    ]);
    expect(result.code).toBe(0);
    expect(summaryOf(result.stdout)).toMatchObject({
      read: 0,
      appended: 0,
      rejected: 0,
      rejectsFile: null,
    });
  });
});
