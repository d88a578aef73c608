import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@libs/ledger';
import { CLI_MAIN, runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * An import killed with SIGKILL at an arbitrary moment, then run again, leaves exactly the log
 * one uninterrupted run leaves: nothing acknowledged lost, nothing appended twice.
 */

// Large enough that the import is still running when the kill lands, however fast it has become
// and however busy the machine: the kill must interrupt it, not find it finished.
const LINES = 60_000;
/** Every 1,000th line is malformed, so the rejects file is rebuilt by the re-run too. */
const BAD_EVERY = 1_000;
/** Each kill lands 2,000–10,000 events after the previous one. */
const KILL_AFTER = 2_000;
const KILL_SPREAD = 8_000;
/** Kills per durability mode: 2 modes × 4 here, and 12 under HTTP load (test/crash). */
const KILLS = 4;

function writeImportFile(path: string): void {
  const good: Record<string, unknown>[] = [
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
    {
      type: 'RegisterDoctor',
      commandId: 'doc-1',
      doctorId: 'doc-1',
      unitId: 'c1',
      teamId: 't1',
      occurredAt: '2024-01-01',
    },
  ];
  for (let r = 0; good.length < LINES; r += 1) {
    const residentId = `r-${r}`;
    good.push({
      type: 'RegisterResident',
      commandId: `reg-${r}`,
      residentId,
      birthDate: '1952-04-18',
      sex: 'male',
      unitId: 'c1',
      occurredAt: '2024-01-02',
    });
    good.push({
      type: 'EnrollChronicCare',
      commandId: `enrol-${r}`,
      residentId,
      condition: 'diabetes',
      doctorId: 'doc-1',
      occurredAt: '2024-01-10',
    });
    for (let m = 2; m <= 9; m += 1) {
      good.push({
        type: 'RecordFollowUp',
        commandId: `fu-${r}-${m}`,
        residentId,
        doctorId: 'doc-1',
        condition: 'diabetes',
        mode: 'face_to_face_home',
        fastingGlucose: 5 + (r % 30) / 10,
        occurredAt: `2024-0${m}-20`,
      });
    }
  }
  const text: string[] = [];
  for (let n = 1, g = 0; n <= LINES; n += 1) {
    text.push(
      n % BAD_EVERY === 0
        ? `{"type":"RecordFollowUp","commandId":"bad-${n}"`
        : JSON.stringify(good[g++]),
    );
  }
  writeFileSync(path, `${text.join('\n')}\n`);
}

const GOOD = LINES - LINES / BAD_EVERY;

/** The log's head, read through a read-only connection that never waits for the importer's lock. */
function headOf(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT max(position) AS head FROM events').get() as {
      head: number | null;
    };
    return row.head ?? 0;
  } catch {
    return 0; // created, but its schema not yet committed
  } finally {
    db.close();
  }
}

/** (position, stream, revision, type, commandId) of every event, in log order. */
async function logOf(path: string): Promise<string[]> {
  const store = new SqliteEventStore({ path });
  try {
    return (await store.readAll()).map(
      (e) => `${e.position} ${e.streamId} ${e.revision} ${e.type} ${e.commandId}`,
    );
  } finally {
    await store.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ledger import killed with SIGKILL, then run again', () => {
  const dir = tempDir('ledger-import-kill');
  const file = dir.file('commands.ndjson');
  const rejectsFile = `${file}.rejects.ndjson`;
  let reference: string[];
  let referenceRejects: string;

  beforeAll(async () => {
    writeImportFile(file);
    const fresh = dir.file('reference.sqlite');
    const result = await runCli(['import', file, '--fast', '--store', `sqlite:${fresh}`]);
    expect(result.code).toBe(1);
    reference = await logOf(fresh);
    referenceRejects = readFileSync(rejectsFile, 'utf8');
  }, 300_000);
  afterAll(() => dir.remove());

  it('the reference run appended every good line once', () => {
    expect(reference).toHaveLength(GOOD);
    expect(new Set(reference.map((e) => e.split(' ')[4])).size).toBe(GOOD);
    expect(referenceRejects.trimEnd().split('\n')).toHaveLength(LINES / BAD_EVERY);
  });

  it.each<[string, string[]]>([
    ['full durability', []],
    ['--fast', ['--fast']],
  ])(
    'loses nothing and duplicates nothing (%s)',
    async (_label, flags) => {
      const db = dir.file(`killed${flags.join('')}.sqlite`);
      // KILLS runs, each killed at a random moment after the previous kill's head, each picking
      // up where the last stopped (command ids); then one run to the end.
      let appendedBeforeKill = 0;
      for (let kill = 0; kill < KILLS; kill += 1) {
        const killAt = appendedBeforeKill + KILL_AFTER + Math.floor(Math.random() * KILL_SPREAD);
        const child = spawn(
          process.execPath,
          [CLI_MAIN, 'import', file, ...flags, '--store', `sqlite:${db}`],
          { stdio: 'ignore' },
        );
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.on('exit', (_code, signal) => resolve(signal)),
        );
        const deadline = Date.now() + 120_000;
        while (!(existsSync(db) && headOf(db) > killAt)) {
          if (Date.now() > deadline)
            throw new Error(`the import did not pass ${killAt} events within 120 s`);
          await sleep(5);
        }
        child.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        const head = headOf(db);
        expect(head).toBeGreaterThan(killAt);
        expect(head).toBeLessThan(GOOD);
        appendedBeforeKill = head;
      }

      const rerun = await runCli(['import', file, ...flags, '--json', '--store', `sqlite:${db}`]);
      expect(rerun.code).toBe(1);
      expect(JSON.parse(rerun.stdout)).toMatchObject({
        read: LINES,
        duplicates: appendedBeforeKill,
        appended: GOOD - appendedBeforeKill,
        eventsAppended: GOOD - appendedBeforeKill,
        unchanged: 0,
        rejected: LINES / BAD_EVERY,
      });
      expect(readFileSync(rejectsFile, 'utf8')).toBe(referenceRejects);

      const log = await logOf(db);
      expect(log).toHaveLength(reference.length);
      // Same events in the same order; a set comparison would already show nothing lost or doubled.
      expect(log).toEqual(reference);

      const verify = await runCli(['verify', '--store', `sqlite:${db}`, '--lang', 'en']);
      expect(verify.stdout).toMatch(new RegExp(`verify: intact — ${GOOD} events`));
      expect(verify.code).toBe(0);
    },
    300_000,
  );
});
