import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportItem, csvToCommands } from '@libs/commands/sheets';
import { readCsvRecords } from './read-csv-records';
import { readLines } from './read-lines';

describe('CSV rows to commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-to-commands-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function itemsOf(rows: string[], type?: string): Promise<ImportItem[]> {
    const path = join(dir, 'input.csv');
    writeFileSync(path, rows.join('\n'));
    const items: ImportItem[] = [];
    for await (const item of csvToCommands(readCsvRecords(readLines(path), 1024), type))
      items.push(item);
    return items;
  }

  it('keeps one broken row from affecting the rows after it', async () => {
    const items = await itemsOf([
      'type,commandId,residentId,destination,occurredAt',
      'RecordResidentMovedOut,m1,a,"two\nlines, quoted ""here""",2024-05-01',
      'RecordResidentMovedOut,m2,b,"bad"quote,2024-05-01',
      'RecordResidentMovedOut,m3,c,,2024-05-01',
      'RecordResidentMovedOut,m4,d,"never closed,2024-05-01',
      'RecordResidentMovedOut,m5,e,x,2024-05-01',
    ]);
    expect(items.map((i) => [i.line, i.reject?.code ?? 'ok'])).toEqual([
      [2, 'ok'],
      [4, 'CSV_MALFORMED'],
      [5, 'ok'],
      [6, 'CSV_MALFORMED'],
    ]);
    expect(items[0].command).toEqual({
      type: 'RecordResidentMovedOut',
      commandId: 'm1',
      residentId: 'a',
      destination: 'two\nlines, quoted "here"',
      occurredAt: '2024-05-01',
    });
    expect(items[2].command).toEqual({
      type: 'RecordResidentMovedOut',
      commandId: 'm3',
      residentId: 'c',
      occurredAt: '2024-05-01',
    });
  });

  it('converts cells by the field types of the command', async () => {
    const [checkup, followUp, unknown] = await itemsOf([
      'type,commandId,complete,systolic,vitals.heightCm,referral,tags,occurredAt',
      'RecordCheckup,c1,否,120,170.5,,,2024-01-01',
      'RecordFollowUp,f1,,1e2,,是,,2024-01-01',
      'Nope,n1,true,12,,,a|b,2024-01-01',
    ]);
    expect(checkup.command).toEqual({
      type: 'RecordCheckup',
      commandId: 'c1',
      complete: false,
      vitals: { systolic: 120, heightCm: 170.5 },
      occurredAt: '2024-01-01',
    });
    expect(followUp.command).toEqual({
      type: 'RecordFollowUp',
      commandId: 'f1',
      systolic: 100,
      referral: true,
      occurredAt: '2024-01-01',
    });
    // An unknown type is left to validation, with every cell as text.
    expect(unknown.command).toMatchObject({
      type: 'Nope',
      complete: 'true',
      systolic: '12',
      tags: 'a|b',
    });
  });

  it('uses --type for rows without a type and refuses nested commands', async () => {
    const items = await itemsOf(['commandId,unitId,year', 't1,c1,2024'], 'AssignTargets');
    expect(items[0].reject?.code).toBe('CSV_TYPE_NOT_SUPPORTED');
    const [tags] = await itemsOf(
      ['commandId,residentId,add', 'u1,r1, disabled ; low_income|'],
      'UpdateResidentTags',
    );
    expect(tags.command).toEqual({
      type: 'UpdateResidentTags',
      commandId: 'u1',
      residentId: 'r1',
      add: ['disabled', 'low_income'],
    });
  });
});
