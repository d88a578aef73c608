/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field */
import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import { ACTIONS_BY_TYPE, parseCommand } from '@libs/records';
import { startApi, type RunningApi } from '../support/api-app';
import { type RawReply, type RawRequest, rawClient } from '../support/raw-http';

/**
 * Generated malformed requests against the real app over real HTTP on loopback: wrong types,
 * huge strings, deep nesting, bad encodings, bad dates, prototype keys, unknown fields, bad
 * query parameters. Every one must be refused with a 4xx (never a 5xx), nothing may be
 * appended, and every 400 must name the field at fault. The seed is fixed: the same 1,200
 * requests every run, so it cannot flake; a failure prints the case that broke it.
 */
const SEED = 20_240_613;
const RUNS = 1_200;

interface Case {
  kind: string;
  request: RawRequest;
  /** The statuses that are a correct refusal of this input. */
  statuses: number[];
  /** A 400 must name a field equal to one of these, or inside one (`field.x`, `field[0]`). */
  fields: string[];
  /** Query cases must speak of query parameters, not commands. */
  query?: boolean;
}

const BODY_LIMIT = 100 * 1024;

describe('fuzz: malformed requests never get a 5xx', () => {
  let api: RunningApi;
  let http: ReturnType<typeof rawClient>;
  const statuses = new Map<number, number>();
  const kinds = new Map<string, number>();
  let headBefore: number;

  const ok = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/commands', body);
    if (r.status !== 201) throw new Error(`${body.type}: ${r.status} ${JSON.stringify(r.body)}`);
  };

  beforeAll(async () => {
    api = await startApi();
    http = rawClient(api.base);
    const at = { occurredAt: '2020-01-01' };
    await ok({
      type: 'RegisterOrgUnit',
      commandId: 'fz-1',
      unitId: 'fz-district',
      name: '区',
      kind: 'district',
      ...at,
    });
    await ok({
      type: 'RegisterOrgUnit',
      commandId: 'fz-2',
      unitId: 'fz-centre',
      name: '中心',
      kind: 'community_centre',
      parentId: 'fz-district',
      ...at,
    });
    await ok({
      type: 'RegisterDoctor',
      commandId: 'fz-3',
      doctorId: 'fz-d',
      unitId: 'fz-centre',
      ...at,
    });
    await ok({
      type: 'RegisterResident',
      commandId: 'fz-4',
      residentId: 'fz-r',
      birthDate: '1950-01-01',
      sex: 'female',
      unitId: 'fz-centre',
      ...at,
    });
    await ok({
      type: 'EnrollChronicCare',
      commandId: 'fz-5',
      residentId: 'fz-r',
      condition: 'hypertension',
      occurredAt: '2024-01-10',
    });
    // Every base command is valid as it stands, so each case is malformed by its mutation alone.
    for (const base of Object.values(BASES)) expect(() => parseCommand(base())).not.toThrow();
    headBefore = await api.store.headPosition();
  });
  afterAll(async () => {
    http?.close();
    await api?.close();
  });

  // --- the commands mutated, and what their fields are -------------------------------------

  const BASES = {
    followUp: () => ({
      type: 'RecordFollowUp',
      commandId: 'fz-new',
      residentId: 'fz-r',
      doctorId: 'fz-d',
      condition: 'hypertension',
      mode: 'face_to_face_clinic',
      occurredAt: '2024-03-05',
      systolic: 132,
      diastolic: 84,
    }),
    unit: () => ({
      type: 'RegisterOrgUnit',
      commandId: 'fz-new',
      unitId: 'fz-new-unit',
      name: '新单位',
      kind: 'community_centre',
      parentId: 'fz-district',
      occurredAt: '2024-01-01',
    }),
    resident: () => ({
      type: 'RegisterResident',
      commandId: 'fz-new',
      residentId: 'fz-new-r',
      birthDate: '1950-01-01',
      sex: 'female',
      unitId: 'fz-centre',
      occurredAt: '2024-01-01',
    }),
  };
  type BaseName = keyof typeof BASES;
  const STRING_FIELDS: Record<BaseName, string[]> = {
    followUp: ['commandId', 'residentId', 'doctorId', 'condition', 'mode', 'occurredAt'],
    unit: ['commandId', 'unitId', 'name', 'kind', 'occurredAt'],
    resident: ['commandId', 'residentId', 'birthDate', 'sex', 'unitId', 'occurredAt'],
  };
  const NUMBER_FIELDS: Record<BaseName, string[]> = {
    followUp: ['systolic', 'diastolic'],
    unit: [],
    resident: [],
  };
  const ID_FIELDS: Record<BaseName, string[]> = {
    followUp: ['commandId', 'residentId', 'doctorId'],
    unit: ['commandId', 'unitId', 'parentId'],
    resident: ['commandId', 'residentId', 'unitId'],
  };
  const DATE_FIELDS: Record<BaseName, string[]> = {
    followUp: ['occurredAt'],
    unit: ['occurredAt'],
    resident: ['occurredAt', 'birthDate'],
  };
  /** Every field a command's DTO declares, and `actor`, which the API drops by design. */
  const declared = (base: BaseName) =>
    new Set([
      'actor',
      ...getMetadataStorage()
        .getTargetValidationMetadatas(
          ACTIONS_BY_TYPE.get(BASES[base]().type)!.request,
          '',
          true,
          false,
        )
        .map((m) => m.propertyName),
    ]);

  const baseName = fc.constantFrom<BaseName>('followUp', 'unit', 'resident');
  const auth = () => ({ authorization: `Bearer ${api.rootKey}` });
  const json = { 'content-type': 'application/json' };

  /** A command as JSON text; `extra` is spliced in as raw JSON so own `__proto__` keys survive. */
  const commandCase = (
    kind: string,
    body: string | Buffer,
    fields: string[],
    statuses = [400],
    headers: Record<string, string> = json,
  ): Case => ({
    kind,
    request: { path: '/api/v1/commands', body, headers: { ...auth(), ...headers } },
    // A body over the limit is refused before it is read, whatever else is wrong with it.
    statuses: Buffer.byteLength(body) > BODY_LIMIT ? [...statuses, 413] : statuses,
    fields: Buffer.byteLength(body) > BODY_LIMIT ? [...fields, '(body)'] : fields,
  });
  const withField = (command: Record<string, unknown>, field: string, rawJson: string) => {
    const { [field]: _dropped, ...rest } = command;
    const text = JSON.stringify(rest);
    return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(field)}:${rawJson}}`;
  };

  // --- generators, one per kind of mistake --------------------------------------------------

  const wrongType = baseName.chain((base) => {
    const strings = STRING_FIELDS[base];
    const numbers = NUMBER_FIELDS[base];
    const notAString = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const notANumber = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const field = fc.oneof(
      fc.constantFrom(...strings).chain((f) => notAString.map((v) => [f, v] as const)),
      ...(numbers.length
        ? [fc.constantFrom(...numbers).chain((f) => notANumber.map((v) => [f, v] as const))]
        : []),
    );
    return field.map(([f, v]) =>
      commandCase('wrong type', withField(BASES[base](), f, JSON.stringify(v)), [f]),
    );
  });

  const hugeString = fc
    .tuple(
      baseName,
      fc.integer({ min: 101, max: 140_000 }),
      fc.constantFrom('a', '9', '中', '-'),
      fc.boolean(),
    )
    .map(([base, length, char, inType]) => {
      const field = inType ? 'type' : ID_FIELDS[base][length % ID_FIELDS[base].length];
      const value = JSON.stringify(char.repeat(length));
      return commandCase('huge string', withField(BASES[base](), field, value), [field]);
    });

  const deepNesting = fc
    .tuple(
      baseName,
      fc.integer({ min: 10, max: 25_000 }),
      fc.constantFrom('array', 'object'),
      fc.nat(),
    )
    .map(([base, depth, shape, pick]) => {
      const fields = [...STRING_FIELDS[base], ...NUMBER_FIELDS[base], 'nested'];
      const field = fields[pick % fields.length];
      const value =
        shape === 'array'
          ? `${'['.repeat(depth)}0${']'.repeat(depth)}`
          : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
      return commandCase('deep nesting', withField(BASES[base](), field, value), [field]);
    });

  const prototypeKey = fc
    .tuple(
      baseName,
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.integer({ min: 0, max: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.nat(),
    )
    .map(([base, key, depth, value, pick]) => {
      const fields = STRING_FIELDS[base];
      const field = fields[pick % fields.length];
      if (depth === 0)
        return commandCase('prototype key', withField(BASES[base](), key, JSON.stringify(value)), [
          key,
        ]);
      // field: {"x": {"x": {"__proto__": value}}}: the refusal names the whole path.
      const inner = `{${JSON.stringify(key)}:${JSON.stringify(value)}}`;
      const nested = `${'{"x":'.repeat(depth - 1)}${inner}${'}'.repeat(depth - 1)}`;
      const path = [field, ...Array<string>(depth - 1).fill('x'), key].join('.');
      return commandCase('prototype key', withField(BASES[base](), field, nested), [path]);
    });

  /** Dates the ledger must refuse: impossible, partial, other ISO forms, other notations. */
  const badDate = fc.oneof(
    fc.constantFrom(
      '2024-W10-1',
      '2024-065',
      '20240305',
      '2024',
      '2024-03',
      '2023-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '24-01-01',
      '2024/01/01',
      '2024-1-1',
      '05-03-2024',
      '2024-01-01T25:00',
      '2024-01-01T10:61',
      '2024-01-01T10:00:00+25:00',
      '+002024-01-01',
      '0000-01-01',
      '2024-01-01 junk',
      ' 2024-01-01',
      '',
      'yesterday',
      '2024-03-05\u0000',
    ),
    fc
      .tuple(
        fc.integer({ min: 1000, max: 2999 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc
      .tuple(
        fc.integer({ min: 1000, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 99 })),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s)),
  );
  const badDates = fc.tuple(baseName, badDate, fc.nat()).map(([base, date, pick]) => {
    const field = DATE_FIELDS[base][pick % DATE_FIELDS[base].length];
    return commandCase('bad date', withField(BASES[base](), field, JSON.stringify(date)), [field]);
  });

  const unknownField = baseName.chain((base) => {
    const known = declared(base);
    return fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 40 }).filter((k) => !known.has(k)),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, value]) =>
        commandCase('unknown field', withField(BASES[base](), key, JSON.stringify(value)), [key]),
      );
  });

  const notACommand = fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    )
    .map((v) => commandCase('not an object', JSON.stringify(v), ['(body)', '(command)']));

  const brokenJson = fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .filter((bytes) => {
      const text = Buffer.from(bytes).toString('utf8');
      if (text.trim() === '') return false;
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    })
    // Three bytes (a BOM) can make noise parse after all: then it is an empty command.
    .map((bytes) =>
      commandCase('broken JSON', Buffer.from(bytes), ['(body)', '(command)', 'type']),
    );

  const valid = () => JSON.stringify(BASES.followUp());
  const badEncoding = fc.oneof(
    // Declared compressed, sent plain (the valid command) or as noise.
    fc
      .tuple(
        fc.constantFrom('gzip', 'deflate', 'br', 'GZIP'),
        fc.oneof(
          fc.constant(Buffer.from(valid())),
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
        ),
      )
      .map(([encoding, body]) =>
        commandCase(
          'bad encoding',
          Buffer.from(body),
          ['content-encoding', '(body)', 'type', '(command)'],
          [400],
          { ...json, 'content-encoding': encoding },
        ),
      ),
    // An encoding no one supports.
    fc
      .stringMatching(/^[a-z][a-z0-9-]{0,14}$/)
      // zstd is read by the parser on Node versions whose zlib has it.
      .filter((e) => !['identity', 'gzip', 'deflate', 'br', 'zstd'].includes(e))
      .map((encoding) =>
        commandCase('bad encoding', valid(), ['content-encoding'], [415], {
          ...json,
          'content-encoding': encoding,
        }),
      ),
    // A charset other than UTF-8.
    fc
      .stringMatching(/^[a-z][a-z0-9-]{0,14}$/)
      .filter((c) => !c.startsWith('utf-'))
      .map((charset) =>
        commandCase('bad encoding', valid(), ['content-type'], [415], {
          'content-type': `application/json; charset=${charset}`,
        }),
      ),
    // Another media type.
    fc
      .oneof(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/xml',
          'text/json',
          'json',
        ),
        fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,15}$/),
      )
      .filter((t) => t !== 'application/json')
      .map((type) =>
        commandCase('bad encoding', valid(), ['content-type'], [415], { 'content-type': type }),
      ),
    // Bytes that are not UTF-8 inside an id: decoded as U+FFFD, which no id may hold.
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => {
      const noise = Buffer.from(bytes.map((b) => 0x80 | (b & 0x3f))); // continuation bytes alone
      const [head, tail] = valid().split('"fz-r"');
      return commandCase(
        'bad encoding',
        Buffer.concat([Buffer.from(`${head}"fz`), noise, Buffer.from(`"${tail}`)]),
        ['residentId'],
      );
    }),
  );

  // --- query parameters ---------------------------------------------------------------------

  type Kind = 'year' | 'id' | 'date' | 'page' | 'size' | 'enum';
  const ROUTES: { path: string; params: Record<string, Kind> }[] = [
    { path: '/api/v1/rates', params: { period: 'year', unit: 'id', asOf: 'date' } },
    {
      path: '/api/v1/rates/signing_overall/lineage',
      params: {
        period: 'year',
        unit: 'id',
        asOf: 'date',
        filter: 'enum',
        page: 'page',
        pageSize: 'size',
      },
    },
    { path: '/api/v1/progress', params: { period: 'year', unit: 'id' } },
    {
      path: '/api/v1/export',
      params: { period: 'year', unit: 'id', asOf: 'date', format: 'enum' },
    },
    { path: '/api/v1/live', params: { period: 'year', unit: 'id' } },
    { path: '/api/v1/funds', params: { year: 'year', unit: 'id' } },
    { path: '/api/v1/funds/export', params: { year: 'year', unit: 'id' } },
    {
      path: '/api/v1/alerts',
      params: { period: 'year', unit: 'id', severity: 'enum', status: 'enum', detector: 'enum' },
    },
    { path: '/api/v1/audit/reads', params: { residentId: 'id', after: 'page', limit: 'size' } },
    { path: '/api/v1/reconciliation', params: { period: 'year', unit: 'id' } },
    { path: '/api/v1/samples/fz-none/export', params: { format: 'enum' } },
  ];
  const nonEmpty = (a: fc.Arbitrary<string>) => a.filter((s) => s !== '');
  const BAD_VALUE: Record<Kind, fc.Arbitrary<string>> = {
    year: fc.oneof(
      fc
        .integer()
        .filter((y) => y < 2000 || y > 2100)
        .map(String),
      nonEmpty(fc.string({ maxLength: 12 })).filter((s) => !/^(20\d\d|2100)$/.test(s)),
      fc.constantFrom('2024.0', ' 2024', '2024 ', '02024', '2e3', '0x7e8'),
    ),
    id: fc.oneof(
      nonEmpty(fc.string({ maxLength: 20 })).filter(
        (s) => !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(s),
      ),
      fc.integer({ min: 101, max: 6000 }).map((n) => 'u'.repeat(n)),
    ),
    date: badDate.filter((s) => s !== ''),
    page: fc.oneof(
      fc.integer({ max: -1 }).map(String),
      fc.constantFrom('abc', '1.5', 'NaN', 'Infinity', '-0.5', '1,000', '1e-3'),
    ),
    size: fc.oneof(
      fc.integer({ max: 0 }).map(String),
      fc.integer({ min: 1001, max: 1e9 }).map(String),
      fc.constantFrom('abc', '2.5', 'Infinity', 'ten'),
    ),
    enum: nonEmpty(fc.string({ maxLength: 20 })).filter(
      (s) =>
        ![
          'xlsx',
          'csv',
          'all',
          'counted',
          'not_counted',
          'low',
          'medium',
          'high',
          'open',
          'acknowledged',
          'dismissed',
          'confirmed',
        ].includes(s) && !/^[a-z-]+$/.test(s),
    ),
  };
  const queryCase = (path: string, pairs: [string, string][], fields: string[]): Case => ({
    kind: 'bad query',
    request: {
      path: `${path}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
      headers: auth(),
    },
    statuses: [400],
    fields,
    query: true,
  });
  const badQuery = fc.constantFrom(...ROUTES).chain((route) => {
    const names = Object.keys(route.params);
    const badValue = fc
      .constantFrom(...names)
      .chain((name) =>
        BAD_VALUE[route.params[name]].map((v) => queryCase(route.path, [[name, v]], [name])),
      );
    const repeated = fc.constantFrom(...names).map((name) =>
      queryCase(
        route.path,
        [
          [name, '1'],
          [name, '2'],
        ],
        [name],
      ),
    );
    const unknown = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((k) => !names.includes(k))
      .map((name) => queryCase(route.path, [[name, 'x']], [name]));
    return fc.oneof(badValue, repeated, unknown);
  });

  const anyCase = fc.oneof(
    wrongType,
    hugeString,
    deepNesting,
    prototypeKey,
    badDates,
    unknownField,
    notACommand,
    brokenJson,
    badEncoding,
    { arbitrary: badQuery, weight: 3 },
  );

  // --- the property -------------------------------------------------------------------------

  const named = (errors: any[], fields: string[]) =>
    errors.some((e) =>
      fields.some(
        (f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`),
      ),
    );

  const check = (c: Case, r: RawReply) => {
    const where = `${c.kind} ${c.request.path} → ${r.status} ${r.text.slice(0, 300)}`;
    if (r.status >= 500) throw new Error(`5xx: ${where}`);
    if (!c.statuses.includes(r.status))
      throw new Error(`expected ${c.statuses.join('/')}: ${where}`);
    const body = r.body;
    if (typeof body?.error !== 'string' || !body.message?.zh || !body.message?.en)
      throw new Error(`not the error shape: ${where}`);
    // 413 and 415 name the part at fault too (the body, content-type, content-encoding).
    if ([400, 413, 415].includes(r.status)) {
      const errors = body.errors;
      if (!Array.isArray(errors) || errors.length === 0) throw new Error(`no field: ${where}`);
      for (const e of errors)
        if (!e.field || !e.en || !/[\u4e00-\u9fff]/.test(e.zh))
          throw new Error(`a field error without its name or both languages: ${where}`);
      if (!named(errors, c.fields)) throw new Error(`${c.fields.join('|')} not named: ${where}`);
      if (c.query && !errors.every((e: any) => e.en.startsWith('query parameter ')))
        throw new Error(`not called a query parameter: ${where}`);
    }
  };

  it(`${RUNS} generated malformed requests: 0 × 5xx, each refused and named`, async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const reply = await http.send(c.request);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
        check(c, reply);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(sent).toBe(RUNS);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    // Every kind of mistake was really sent, dozens of times each, not just in theory.
    expect([...kinds.keys()].sort()).toEqual([
      'bad date',
      'bad encoding',
      'bad query',
      'broken JSON',
      'deep nesting',
      'huge string',
      'not an object',
      'prototype key',
      'unknown field',
      'wrong type',
    ]);
    expect(Math.min(...kinds.values())).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it('appended nothing: the head position is where it was', async () => {
    expect(await api.store.headPosition()).toBe(headBefore);
  });
});
