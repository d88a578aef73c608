import { MAX_NESTING_DEPTH, isLedgerDate, parseCommand, shapeErrors } from './parse-command';

/** The checks that run before class-transformer, for HTTP bodies and import lines alike. */
describe('parseCommand: shape and dates', () => {
  const unit = (over: Record<string, unknown> = {}) => ({
    type: 'RegisterOrgUnit',
    commandId: 'c-1',
    unitId: 'u-1',
    name: 'a unit',
    kind: 'district',
    occurredAt: '2024-01-01',
    ...over,
  });
  const fieldsOf = (raw: unknown) => {
    try {
      parseCommand(raw);
      return [];
    } catch (error) {
      return (error as { errors: { field: string; constraint: string }[] }).errors;
    }
  };

  it('refuses a 100,000-deep field without overflowing the stack, naming where', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const [error] = fieldsOf(unit({ name: deep }));
    expect(error).toMatchObject({ constraint: 'tooDeep' });
    expect(error.field).toBe(`name${'[0]'.repeat(MAX_NESTING_DEPTH - 1)}`);
  });

  it('accepts exactly the limit, refuses one level more', () => {
    let value: unknown = 1;
    for (let i = 0; i < MAX_NESTING_DEPTH; i += 1) value = { a: value };
    expect(shapeErrors(value)).toEqual([]);
    expect(shapeErrors({ a: value })).toHaveLength(1);
  });

  it('refuses own __proto__, constructor and prototype keys, which class-transformer drops', () => {
    const raw = JSON.parse(
      '{"type":"RegisterOrgUnit","commandId":"c-1","unitId":"u-1","name":"n","kind":"district","occurredAt":"2024-01-01","__proto__":{"x":1},"constructor":1,"tags":[{"prototype":2}]}',
    ) as unknown;
    expect(fieldsOf(raw).map((e) => [e.field, e.constraint])).toEqual(
      expect.arrayContaining([
        ['__proto__', 'forbiddenKey'],
        ['constructor', 'forbiddenKey'],
        ['tags[0].prototype', 'forbiddenKey'],
      ]),
    );
  });

  it('says a missing type is missing', () => {
    expect(fieldsOf({ commandId: 'c' })[0]).toMatchObject({
      field: 'type',
      constraint: 'isDefined',
    });
  });

  it.each([
    ['2024-03-05', true],
    ['2024-03-05T10:00:00+08:00', true],
    ['2024-03-05T10:00:00.123Z', true],
    ['2024-03-05T10:00', true],
    ['2024', false],
    ['2024-03', false],
    ['2024-W10-1', false],
    ['2024-065', false],
    ['20240305', false],
    ['2024/03/05', false],
    [20240305, false],
  ])('isLedgerDate(%p) is %p', (value, expected) => {
    expect(isLedgerDate(value)).toBe(expected);
  });

  it('a week date passes @IsISO8601 but is refused as no ledger date', () => {
    expect(fieldsOf(unit({ occurredAt: '2024-W10-1' }))).toEqual([
      expect.objectContaining({ field: 'occurredAt', constraint: 'isIso8601' }),
    ]);
  });
});
