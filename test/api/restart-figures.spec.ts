import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUANCUI_DISTRICT, openSeedStore, seedDistrict } from '@libs/synthetic';
import { type RunningApi, startApi } from '../support/api-app';

/**
 * The kept figures are saved beside the store when the API stops and taken back when it starts,
 * if they belong to the same log; a save that does not (another log, a damaged file) is ignored
 * and the figures are built from the log as on a first start.
 */
const YEAR = 2024;
const unit = HUANCUI_DISTRICT.unitId;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'restart-figures-'));
  file = join(dir, 'ledger.sqlite');
  const { store, clock } = await openSeedStore({ kind: 'sqlite', path: file });
  await seedDistrict({ store, scale: 'small', year: YEAR, seed: 2, clock });
  await store.close();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<RunningApi> {
  const api = await startApi({ LEDGER_STORE: `sqlite:${file}` });
  // Kept figures are built after start-up, in slices; wait for them rather than for a time.
  for (let i = 0; i < 600; i += 1) {
    const health = await api.get('/health', null);
    if (health.body.figures.ready.includes(YEAR) && !health.body.figures.warming) return api;
    await new Promise((r) => setTimeout(r, 100));
  }
  await api.close();
  throw new Error(`the figures of ${YEAR} were not kept within a minute`);
}

const figuresOf = async (api: RunningApi) => {
  const rates = await api.get(`/api/v1/rates?period=${YEAR}&unit=${unit}`);
  const progress = await api.get(`/api/v1/progress?period=${YEAR}&unit=${unit}`);
  expect([rates.status, progress.status]).toEqual([200, 200]);
  return { rows: rates.body.rows, checkpoints: progress.body.checkpoints };
};

describe('a restart with saved figures', () => {
  let first: Awaited<ReturnType<typeof figuresOf>>;
  let savedAt: number;

  it('saves the kept figures beside the store when the API stops, readable by its owner only', async () => {
    const api = await start();
    first = await figuresOf(api);
    expect(first.rows.some((r: { numerator: number }) => r.numerator > 0)).toBe(true);
    savedAt = (await api.get('/health', null)).body.headPosition;
    await api.close();
    const saved = `${file}.figures.json`;
    expect(existsSync(saved)).toBe(true);
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(saved, 'utf8')).figures.position).toBe(savedAt);
  });

  it('takes them back on the next start and serves the same figures', async () => {
    const api = await start();
    try {
      expect((await api.get('/health', null)).body.figures.restoredAt).toBe(savedAt);
      expect(await figuresOf(api)).toEqual(first);
    } finally {
      await api.close();
    }
  });

  it('ignores a save whose event no longer has its hash, and builds the figures from the log', async () => {
    const saved = `${file}.figures.json`;
    const content = JSON.parse(readFileSync(saved, 'utf8'));
    content.hash = '0'.repeat(64);
    // Figures that would show if the save were believed: every numerator zero.
    for (const y of content.figures.years)
      for (const book of [...y.current, ...y.checkpoints])
        for (const [, counts] of book.units) counts.fill(0);
    writeFileSync(saved, JSON.stringify(content));
    const api = await start();
    try {
      expect((await api.get('/health', null)).body.figures.restoredAt).toBe(0);
      expect(await figuresOf(api)).toEqual(first);
    } finally {
      await api.close();
    }
  });

  it('ignores a damaged save', async () => {
    writeFileSync(`${file}.figures.json`, '{"format":1,"hash":');
    const api = await start();
    try {
      expect((await api.get('/health', null)).body.figures.restoredAt).toBe(0);
      expect(await figuresOf(api)).toEqual(first);
    } finally {
      await api.close();
    }
  });
});
