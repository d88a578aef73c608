import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_MAPPING_TYPES, shippedMapping } from '@libs/commands/sheets';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'import-xlsx.md'), 'utf8');

describe('docs/import-xlsx.md', () => {
  it.each(SHIPPED_MAPPING_TYPES)('lists every header of the shipped %s mapping', (type) => {
    const section = doc.split(`### ${type}\n`)[1]?.split('\n### ')[0];
    expect(section).toBeDefined();
    for (const [header, field] of Object.entries(shippedMapping(type)!.columns))
      expect(section).toContain(`| ${header} | \`${field}\` |`);
  });
});
