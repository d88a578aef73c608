import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicActions } from '@libs/commands';
import { CORRECTABLE } from '@libs/records/correct-record/correctable-fields';
import { commandLineSchema } from '@libs/records/commands/command-schemas';
import { parseCommand } from '@libs/records/commands/parse-command';
import { renderImportFormat } from '@libs/records/commands/render-import-format';

const docs = join(__dirname, '..', '..', 'docs');
const ACTIONS = publicActions();
const regenerate =
  'regenerate with: npm run ledger -- schema --out docs/command-schema.json --markdown docs/import-format.md';

describe('import format documentation', () => {
  it('docs/command-schema.json is what the DTOs generate', () => {
    const committed = JSON.parse(readFileSync(join(docs, 'command-schema.json'), 'utf8'));
    expect({ schema: committed, hint: regenerate }).toEqual({
      schema: commandLineSchema(ACTIONS),
      hint: regenerate,
    });
  });

  it('docs/import-format.md is what the DTOs generate, and names every command', () => {
    const correctable = Object.fromEntries(
      Object.entries(CORRECTABLE).map(([k, v]) => [k, Object.keys(v)]),
    );
    const committed = readFileSync(join(docs, 'import-format.md'), 'utf8');
    expect(committed).toBe(renderImportFormat(correctable, ACTIONS));
    for (const a of ACTIONS) expect(committed).toContain(`### ${a.type}`);
  });

  it('the schema and the validator agree on which fields a command has', () => {
    const schema = commandLineSchema(ACTIONS) as {
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    const followUp = Object.keys(schema.definitions.RecordFollowUp.properties);
    expect(followUp).toEqual(
      expect.arrayContaining([
        'residentId',
        'doctorId',
        'condition',
        'mode',
        'systolic',
        'diastolic',
        'fastingGlucose',
        'referral',
      ]),
    );
    // A field the schema does not list is refused by the validator.
    expect(() =>
      parseCommand({
        type: 'RecordFollowUp',
        commandId: 'c',
        occurredAt: '2024-01-01',
        bloodType: 'A',
      }),
    ).toThrow(/bloodType/);
  });
});
