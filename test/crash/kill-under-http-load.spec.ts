import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { OPERATOR } from '@libs/access';
import { ActorAdmin } from '@libs/access';
import { SqliteEventStore, systemClock } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * The API under grouped HTTP load, killed with SIGKILL at random moments, again and again: every
 * command it acknowledged is in the log exactly once, the log verifies, and sending everything
 * again afterwards appends each missing command once and repeats none.
 */

const API_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
const KILLS = 12;
const CONNECTIONS = 32;
const RESIDENTS = 60;

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function setupLines(): string {
  const lines: Record<string, unknown>[] = [
    {
      type: 'RegisterOrgUnit',
      commandId: 'o-d',
      unitId: 'd1',
      name: 'D',
      kind: 'district',
      occurredAt: '2024-01-01',
    },
    {
      type: 'RegisterOrgUnit',
      commandId: 'o-c',
      unitId: 'c1',
      name: 'C',
      kind: 'community_centre',
      parentId: 'd1',
      occurredAt: '2024-01-01',
    },
    {
      type: 'RegisterDoctor',
      commandId: 'doc',
      doctorId: 'doc-1',
      unitId: 'c1',
      occurredAt: '2024-01-01',
    },
  ];
  for (let r = 0; r < RESIDENTS; r += 1) {
    lines.push({
      type: 'RegisterResident',
      commandId: `reg-${r}`,
      residentId: `r-${r}`,
      birthDate: '1950-04-18',
      sex: 'male',
      unitId: 'c1',
      occurredAt: '2024-01-02',
    });
    lines.push({
      type: 'EnrollChronicCare',
      commandId: `enr-${r}`,
      residentId: `r-${r}`,
      condition: 'diabetes',
      doctorId: 'doc-1',
      occurredAt: '2024-01-03',
    });
  }
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}

/** The n-th follow-up of the run: one resident, one day of 2024, never the same pair twice. */
function followUp(n: number): Record<string, unknown> {
  const resident = n % RESIDENTS;
  const day = new Date(Date.UTC(2024, 0, 10) + Math.floor(n / RESIDENTS) * 86_400_000);
  return {
    type: 'RecordFollowUp',
    commandId: `fu-${n}`,
    residentId: `r-${resident}`,
    doctorId: 'doc-1',
    condition: 'diabetes',
    mode: 'face_to_face_clinic',
    fastingGlucose: 6.1,
    occurredAt: day.toISOString().slice(0, 10),
  };
}

/** A port free right now, so the API's address is known without reading its log. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

async function startApi(store: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      LEDGER_STORE: store,
      LEDGER_DEMO: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited ${child.exitCode}:\n${errors}`);
    if (Date.now() > deadline) throw new Error(`API did not answer /health:\n${errors}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the API killed with SIGKILL under grouped HTTP load', () => {
  const dir = tempDir('ledger-kill-http');
  const path = dir.file('ledger.sqlite');
  const store = `sqlite:${path}`;
  let key: string;
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    dir.remove();
  });

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npm run build"`);
    const setup = dir.file('setup.ndjson');
    writeFileSync(setup, setupLines());
    const imported = await runCli(['import', setup, '--store', store]);
    expect(imported.code).toBe(0);
    const sqlite = new SqliteEventStore({ path });
    key = (
      await new ActorAdmin(sqlite, systemClock, OPERATOR).add({
        name: 'load',
        roles: ['recorder'],
        unitId: 'c1',
      })
    ).key;
    await sqlite.close();
  }, 120_000);

  it(`keeps every acknowledged command exactly once through ${KILLS} kills`, async () => {
    const next = random(20241206);
    const acknowledged = new Set<string>();
    let sent = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const { child, base } = await startApi(store);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      let alive = true;
      const worker = async () => {
        while (alive) {
          const n = sent++;
          try {
            const response = await fetch(`${base}/api/v1/commands`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify(followUp(n)),
            });
            const body = (await response.json()) as { error?: string };
            if (response.status === 201 || response.status === 200) acknowledged.add(`fu-${n}`);
            else throw new Error(`fu-${n} answered ${response.status} ${body.error}`);
          } catch (error) {
            // A connection cut by the kill is expected; any other answer is a failure.
            // (By name: fetch's TypeError comes from another realm than the test's.)
            if ((error as Error).name !== 'TypeError') throw error;
            return;
          }
        }
      };
      const workers = Array.from({ length: CONNECTIONS }, worker);
      await new Promise((r) => setTimeout(r, 200 + next() * 1_300));
      child.kill('SIGKILL');
      await exited;
      alive = false;
      await Promise.all(workers);
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS * 10);

    const sqlite = new SqliteEventStore({ path });
    const counts = new Map<string, number>();
    for (const e of await sqlite.readAll())
      if (e.commandId?.startsWith('fu-'))
        counts.set(e.commandId, (counts.get(e.commandId) ?? 0) + 1);
    await sqlite.close();
    const lost = [...acknowledged].filter((id) => !counts.has(id));
    const doubled = [...counts].filter(([, n]) => n !== 1);
    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });

    const verify = await runCli(['verify', '--store', store]);
    expect(verify.code).toBe(0);

    // Everything sent, acknowledged or cut off, sent once more: each is then present once.
    const { child, base } = await startApi(store);
    try {
      for (let n = 0; n < sent; n += 1) {
        const response = await fetch(`${base}/api/v1/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(followUp(n)),
        });
        expect([200, 201]).toContain(response.status);
        if (acknowledged.has(`fu-${n}`)) expect(response.status).toBe(200);
      }
    } finally {
      child.kill('SIGKILL');
    }
    const after = new SqliteEventStore({ path });
    const ids = (await after.readAll())
      .map((e) => e.commandId)
      .filter((id) => id?.startsWith('fu-'));
    await after.close();
    expect(ids).toHaveLength(sent);
    expect(new Set(ids).size).toBe(sent);
  }, 300_000);
});
