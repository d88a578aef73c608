import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SheetError } from './sheet-error';
import { allowedValues, requestFields } from './request-fields';
import { SHIPPED_MAPPING_TYPES, loadMapping, shippedMapping } from './xlsx-mapping';

const CHINESE = /[\u4e00-\u9fff]/;

describe('shipped mappings', () => {
  it('cover every record type a CSV can carry, not those with nested lists', () => {
    expect(SHIPPED_MAPPING_TYPES).toEqual(
      expect.arrayContaining([
        'RegisterResident',
        'RecordFollowUp',
        'RecordCheckup',
        'SignContract',
        'RecordVaccineDose',
        'RegisterOrgUnit',
      ]),
    );
    for (const nested of ['RecordDelivery', 'AssignTargets', 'CorrectRecord'])
      expect(SHIPPED_MAPPING_TYPES).not.toContain(nested);
  });

  it.each(SHIPPED_MAPPING_TYPES)(
    '%s: a Chinese header per field, none twice, words that map to allowed values',
    (type) => {
      const mapping = shippedMapping(type)!;
      const headers = Object.keys(mapping.columns);
      for (const header of headers) expect(header).toMatch(CHINESE);
      expect(new Set(Object.values(mapping.columns)).size).toBe(headers.length);
      // A resident's identity is one nested object in the command, four columns in a sheet.
      const fields = requestFields(type).flatMap((f) =>
        f === 'identity' ? ['name', 'idNumber', 'phone', 'address'] : [f],
      );
      if (type !== 'RecordCheckup')
        expect(Object.values(mapping.columns).sort()).toEqual(fields.sort());
      for (const [field, words] of Object.entries(mapping.values ?? {})) {
        const allowed = allowedValues(type, field);
        for (const value of Object.values(words)) expect(allowed).toContain(value);
      }
    },
  );
});

describe('loadMapping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('takes a shipped type or an office’s own JSON', () => {
    expect(loadMapping('RecordFollowUp').columns['随访方式']).toBe('mode');
    const own = { type: 'RecordFollowUp', columns: { 病人编号: 'residentId' } };
    expect(loadMapping(file('own.json', own))).toEqual(own);
  });

  it('refuses a mapping that cannot work, saying why', () => {
    expect(() => loadMapping(file('a.json', { type: 'RecordHaircut', columns: {} }))).toThrow(
      /"type" must name a command/,
    );
    expect(() => loadMapping(file('b.json', { type: 'RecordDelivery', columns: {} }))).toThrow(
      /nested fields/,
    );
    expect(() =>
      loadMapping(file('c.json', { type: 'RecordFollowUp', columns: { 编号: 1 } })),
    ).toThrow(/"columns"/);
    expect(() => loadMapping(join(dir, 'none.json'))).toThrow(SheetError);
  });
});
