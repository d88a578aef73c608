import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ItemSource, validatedItems } from './validated-items';
import type { ImportItem } from './import-item';

const register = {
  type: 'RegisterOrgUnit',
  commandId: 'u-1',
  occurredAt: '2024-01-02',
  unitId: 'hc',
  name: '环翠区',
  kind: 'district',
};

describe('validatedItems (the reading half of an import)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'validated-items-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(lines: string[], migrating = false): Promise<ImportItem[]> {
    const path = join(dir, `f${Math.random()}.ndjson`);
    writeFileSync(path, lines.join('\n'));
    const source: ItemSource = { path, format: 'ndjson', maxLineBytes: 4096, migrating };
    const items: ImportItem[] = [];
    for await (const item of validatedItems(source)) items.push(item);
    return items;
  }

  it('validates each line as the command handler would, keeping line numbers and input', async () => {
    const items = await read([
      JSON.stringify(register),
      '{not json',
      JSON.stringify({ ...register, commandId: 'u-2', kind: 'galaxy' }),
      JSON.stringify({ ...register, commandId: 'u-3', sourceRecordedAt: '2024-01-02T08:00:00Z' }),
    ]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(items[0].validated).toMatchObject({ type: 'RegisterOrgUnit', request: register });
    expect(items[0].validated!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(items[0].reject).toBeUndefined();
    expect(items[1].reject?.code).toBe('MALFORMED_JSON');
    expect(items[2].reject).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(items[2].reject?.errors?.map((e) => e.field)).toEqual(['kind']);
    expect(items[2].reject?.zh).toContain('kind');
    // A source time outside a migration is refused on the line, not dropped.
    expect(items[3].reject?.code).toBe('SOURCE_TIME_WITHOUT_MIGRATION');
    expect(items[3].input).toContain('sourceRecordedAt');
  });

  it('in a migration, takes the source time off the command and keeps it beside', async () => {
    const [item] = await read(
      [JSON.stringify({ ...register, sourceRecordedAt: '2024-01-02T08:00:00+08:00' })],
      true,
    );
    expect(item.validated?.sourceRecordedAt).toBe('2024-01-02T00:00:00.000Z');
    expect(item.validated?.request).not.toHaveProperty('sourceRecordedAt');
  });

  it('fingerprints the same content the same way whatever the key order', async () => {
    const reordered = Object.fromEntries(Object.entries(register).reverse());
    const [a, b] = await read([JSON.stringify(register), JSON.stringify(reordered)]);
    expect(a.validated!.fingerprint).toBe(b.validated!.fingerprint);
  });
});
