import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@libs/ledger';
import { FiguresFile } from './figures-file';
import type { SavedFigures } from './live-figures';

const figuresAt = (position: number, unitName: string): SavedFigures => ({
  position,
  frame: { units: [{ unitId: 'u', name: unitName } as never], targets: [], revisions: [] },
  years: [],
});

describe('FiguresFile', () => {
  let dir: string;
  let store: SqliteEventStore;
  let hash: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'figures-file-'));
    store = new SqliteEventStore({ path: join(dir, 'ledger.sqlite') });
    const { events } = await store.append(
      'orgunit-u',
      [{ type: 'OrgUnitRegistered', occurredAt: '2024-01-01', data: { unitId: 'u' } }],
      { actor: 'test', expectedRevision: 'no_stream' },
    );
    hash = events[0].hash;
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a save in the background that loads as the figures saved, leaving no temporary file', async () => {
    const file = FiguresFile.beside({ kind: 'sqlite', path: join(dir, 'ledger.sqlite') });
    expect(await file.saveInBackground(figuresAt(1, 'first'), hash)).toBe(true);
    const { figures } = await file.load(store);
    expect(figures?.frame.units).toEqual([{ unitId: 'u', name: 'first' }]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('skips a background save asked for while another is written, and a save after it stays last', async () => {
    const file = FiguresFile.beside({ kind: 'sqlite', path: join(dir, 'ledger.sqlite') });
    const first = file.saveInBackground(figuresAt(1, 'first'), hash);
    expect(await file.saveInBackground(figuresAt(1, 'skipped'), hash)).toBe(false);
    await file.settled();
    file.save(figuresAt(1, 'last'), hash);
    expect(await first).toBe(true);
    expect((await file.load(store)).figures?.frame.units).toEqual([{ unitId: 'u', name: 'last' }]);
  });
});
