import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUANCUI_DISTRICT, openSeedStore, seedDistrict } from '@libs/synthetic';
import { startApi } from '../support/api-app';
import { runCli } from '../support/run-cli';

/**
 * `ledger rebuild` recomputes the kept figures from position 0 in worker threads; they must
 * equal, book for book, the ones the API kept incrementally as the same events arrived.
 */
const YEAR = 2024;
let dir: string;
let file: string;

type Book = Record<'units' | 'teams' | 'doctors', [string, number[]][]>;
interface Saved {
  hash: string;
  figures: {
    position: number;
    years: { year: number; day: string; current: Book[]; checkpoints: Book[] }[];
  };
}

const savedFigures = (): Saved => JSON.parse(readFileSync(`${file}.figures.json`, 'utf8'));

/** A book without the keys whose counts went back to zero, keys in order. */
const plain = (b: Book) =>
  Object.fromEntries(
    (['units', 'teams', 'doctors'] as const).map((k) => [
      k,
      b[k].filter(([, c]) => c.some((n) => n !== 0)).sort(([a], [z]) => (a < z ? -1 : 1)),
    ]),
  );
const comparable = (s: Saved) =>
  [...s.figures.years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ ...y, current: y.current.map(plain), checkpoints: y.checkpoints.map(plain) }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
  file = join(dir, 'ledger.sqlite');
  const { store, clock } = await openSeedStore({ kind: 'sqlite', path: file });
  await seedDistrict({ store, scale: 'small', year: YEAR, seed: 4, clock });
  await store.close();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger rebuild', () => {
  let incremental: Saved;

  it('is given figures the API kept incrementally, new residents included', async () => {
    const api = await startApi({ LEDGER_STORE: `sqlite:${file}` });
    try {
      for (let i = 0; i < 600; i += 1) {
        const f = (await api.get('/health', null)).body.figures;
        if (f.ready.includes(YEAR) && f.ready.length === f.kept.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Appended while the year is kept: each taken in by the running tallies.
      for (let i = 0; i < 5; i += 1) {
        const reply = await api.post('/api/v1/commands', {
          type: 'RegisterResident',
          commandId: `rebuild-spec-${i}`,
          occurredAt: `${YEAR}-06-0${i + 1}`,
          residentId: `rebuild-spec-${i}`,
          birthDate: i % 2 ? '1950-02-01' : '2020-02-01',
          sex: 'female',
          unitId: HUANCUI_DISTRICT.unitId,
          householdId: `rebuild-spec-h${i}`,
          tags: [],
        });
        expect(reply.status).toBe(201);
      }
      const rates = await api.get(`/api/v1/rates?period=${YEAR}&unit=${HUANCUI_DISTRICT.unitId}`);
      expect(rates.status).toBe(200);
    } finally {
      await api.close();
    }
    incremental = savedFigures();
    const year = comparable(incremental).find((y) => y.year === YEAR)!;
    // Something to compare: the district's units counted in the current figures.
    expect(year.current[0].units.length).toBeGreaterThan(3);
  });

  it('recomputes them from position 0 in worker threads, equal figure for figure', async () => {
    const run = await runCli(['rebuild', '--store', `sqlite:${file}`, '--threads', '2', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ intact: true, threads: 2, workerThreads: true });
    expect(summary.events).toBe(incremental.figures.position);
    const rebuilt = savedFigures();
    expect(rebuilt.hash).toBe(incremental.hash);
    expect(rebuilt.figures.position).toBe(incremental.figures.position);
    expect(comparable(rebuilt)).toEqual(comparable(incremental));
    expect(statSync(`${file}.figures.json`).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('gives the same figures on one thread', async () => {
    const before = comparable(savedFigures());
    const run = await runCli(['rebuild', '--store', `sqlite:${file}`, '--threads', '1', '--json']);
    expect(run.code).toBe(0);
    expect(comparable(savedFigures())).toEqual(before);
  }, 120_000);

  it('refuses a log that does not recompute, and writes nothing', async () => {
    const before = readFileSync(`${file}.figures.json`, 'utf8');
    const db = new Database(file);
    // What someone holding the file can do: drop the append-only triggers, then edit.
    db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.sex', 'male') WHERE position = (SELECT MAX(position) FROM events WHERE stream_id LIKE 'resident-%')`,
    ).run();
    db.close();
    const run = await runCli(['rebuild', '--store', `sqlite:${file}`, '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ intact: false, figuresFile: null });
    expect(readFileSync(`${file}.figures.json`, 'utf8')).toBe(before);
  }, 120_000);
});
