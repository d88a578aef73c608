import { CommandValidationError, parseCommand } from '../commands/parse-command';

const found = (over: Record<string, unknown>) => ({
  type: 'RecordInfectiousDiseaseCase',
  commandId: 'idr-1',
  unitId: 'c1',
  doctorId: 'd1',
  disease: '乙肝',
  diseaseClass: 'B',
  occurredAt: '2024-06-03T09:30:00+08:00',
  reportedAt: '2024-06-03T14:00:00+08:00',
  ...over,
});

const refusals = (raw: Record<string, unknown>) => {
  try {
    parseCommand(raw);
  } catch (error) {
    if (error instanceof CommandValidationError) return error.errors;
    throw error;
  }
  return [];
};

describe('RecordInfectiousDiseaseCase times: to the minute, since the limit is in hours', () => {
  it('accepts both times with the hour', () => {
    expect(refusals(found({}))).toEqual([]);
  });
  it('refuses a bare date for the time found or reported, in both languages', () => {
    const errors = refusals(found({ occurredAt: '2024-06-03', reportedAt: '2024-06-04' }));
    expect(errors.map((e) => e.field).sort()).toEqual(['occurredAt', 'reportedAt']);
    expect(JSON.stringify(errors)).toContain('报告时限以小时计');
  });
  it('near miss: a case without a report is valid (found, not reported)', () => {
    expect(refusals(found({ reportedAt: undefined }))).toEqual([]);
  });
  it('refuses a class outside A, B and C', () => {
    expect(refusals(found({ diseaseClass: 'D' })).map((e) => e.field)).toEqual(['diseaseClass']);
  });
});
