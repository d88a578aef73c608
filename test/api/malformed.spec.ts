import { gzipSync } from 'node:zlib';
import { chinaDay } from '@libs/records';
import { startApi, type RunningApi } from '../support/api-app';
import { type RawReply, rawClient } from '../support/raw-http';

/**
 * Malformed requests over real HTTP on loopback, each named: every one is a 4xx in the usual
 * error shape (code, zh + en, the failing field), never a 500, and nothing is appended.
 */
describe('malformed requests get a clear 4xx', () => {
  let api: RunningApi;
  let http: ReturnType<typeof rawClient>;
  let head: number;
  let n = 0;
  const auth = () => ({ authorization: `Bearer ${api.rootKey}` });
  const unit = (over: Record<string, unknown> = {}) => ({
    type: 'RegisterOrgUnit',
    commandId: `mal-${(n += 1)}`,
    unitId: `mal-unit-${n}`,
    name: 'a unit',
    kind: 'district',
    occurredAt: '2024-01-01',
    ...over,
  });
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    http.send({
      path: '/api/v1/commands',
      body,
      headers: { ...auth(), 'content-type': 'application/json', ...headers },
    });
  const get = (path: string) => http.send({ path, headers: auth() });

  /** The shape every refusal shares; `field` is the part it must name. */
  const refused = (r: RawReply, status: number, error: string, field: string) => {
    expect({ status: r.status, error: r.body?.error }).toEqual({ status, error });
    expect(r.body.message.en).toEqual(expect.any(String));
    expect(r.body.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    for (const e of r.body.errors) expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  };

  beforeAll(async () => {
    api = await startApi();
    http = rawClient(api.base);
    const r = await api.post('/api/v1/commands', unit({ unitId: 'mal-root' }));
    expect(r.status).toBe(201);
    head = await api.store.headPosition();
  });
  afterAll(async () => {
    http?.close();
    await api?.close();
  });
  // Only the tests that mean to append move the head; they re-read it themselves.
  afterEach(async () => expect(await api.store.headPosition()).toBe(head));

  describe('transport', () => {
    it('413: a body over the limit', async () => {
      const r = await post(JSON.stringify(unit({ name: 'x'.repeat(200_000) })));
      refused(r, 413, 'PAYLOAD_TOO_LARGE', '(body)');
      expect(r.body.message.en).toMatch(/102400 bytes/);
    });

    it('415: a charset other than UTF-8, naming it', async () => {
      const r = await post(JSON.stringify(unit()), {
        'content-type': 'application/json; charset=iso-8859-1',
      });
      refused(r, 415, 'UNSUPPORTED_CHARSET', 'content-type');
      expect(r.body.message.en).toMatch(/iso-8859-1/);
    });

    it('415: an unknown content-encoding, naming it', async () => {
      const r = await post(JSON.stringify(unit()), { 'content-encoding': 'compress' });
      refused(r, 415, 'UNSUPPORTED_CONTENT_ENCODING', 'content-encoding');
      expect(r.body.message.en).toMatch(/compress/);
    });

    it('400: a body marked gzip that is not gzip; a real gzip body is read', async () => {
      const bad = await post(JSON.stringify(unit()), { 'content-encoding': 'gzip' });
      refused(bad, 400, 'BAD_CONTENT_ENCODING', 'content-encoding');
      // The same command, really gzipped, is accepted: the 400 was about the encoding alone.
      const good = await post(gzipSync(JSON.stringify(unit())), { 'content-encoding': 'gzip' });
      expect(good.status).toBe(201);
      head = await api.store.headPosition();
    });

    it('415: JSON sent as text/plain says so, not "unknown command type undefined"', async () => {
      const r = await post(JSON.stringify(unit()), { 'content-type': 'text/plain' });
      refused(r, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
      expect(r.body.message.en).toMatch(/text\/plain.*application\/json/);
      expect(r.text).not.toMatch(/undefined/);
    });

    it('415: a body without any content-type', async () => {
      const r = await http.send({
        path: '/api/v1/commands',
        body: JSON.stringify(unit()),
        headers: auth(),
      });
      refused(r, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    });

    it('400: malformed JSON names the body', async () => {
      refused(await post('{"type": "RegisterOrgUnit",'), 400, 'MALFORMED_JSON', '(body)');
    });

    it('400: an empty JSON body says the command type is missing', async () => {
      const r = await post('');
      refused(r, 400, 'VALIDATION_FAILED', 'type');
      expect(r.body.errors[0].en).toMatch(/type is missing/);
    });
  });

  describe('shape', () => {
    it('400: a field nested 10,000 deep, named, with no stack overflow', async () => {
      const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
      const r = await post(JSON.stringify(unit()).replace('"a unit"', deep));
      refused(r, 400, 'VALIDATION_FAILED', 'name[0][0][0][0][0][0][0][0][0]');
      expect(r.body.errors[0].constraint).toBe('tooDeep');
      // Still serving.
      expect((await post(JSON.stringify(unit({ name: 7 })))).status).toBe(400);
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      '400: a "%s" key is refused by name, at the top and nested',
      async (key) => {
        const top = await post(JSON.stringify(unit()).replace(/}$/, `,"${key}":{"x":1}}`));
        refused(top, 400, 'VALIDATION_FAILED', key);
        expect(top.body.errors[0].constraint).toBe('forbiddenKey');
        const nested = await post(JSON.stringify(unit()).replace('"a unit"', `{"${key}":"x"}`));
        refused(nested, 400, 'VALIDATION_FAILED', `name.${key}`);
      },
    );

    it('400: a body that is a JSON array is no command', async () => {
      refused(await post(JSON.stringify([unit()])), 400, 'VALIDATION_FAILED', '(command)');
    });

    it.each(['2024-W10-1', '2024-065', '20240305', '2024', '2024-03', '2023-02-29'])(
      '400: occurredAt %s is no ledger date (week, ordinal, basic, partial, impossible)',
      async (occurredAt) => {
        const r = await post(JSON.stringify(unit({ occurredAt })));
        refused(r, 400, 'VALIDATION_FAILED', 'occurredAt');
      },
    );
  });

  describe('query parameters', () => {
    const queryRefusal = (r: RawReply, field: string) => {
      refused(r, 400, 'VALIDATION_FAILED', field);
      expect(r.body.message.en).toMatch(/query parameter/);
      const e = r.body.errors.find((x: { field: string }) => x.field === field);
      expect(e.en).toMatch(/^query parameter /);
      expect(e.zh).toMatch(/^查询参数 /);
      expect(r.text).not.toMatch(/command/);
    };

    it('format=pdf is refused, naming the formats there are', async () => {
      const r = await get('/api/v1/export?period=2024&format=pdf');
      queryRefusal(r, 'format');
      expect(r.body.errors[0].en).toMatch(/xlsx, csv/);
      // The Chinese names the parameter with its label and lists the same formats.
      expect(r.body.errors[0].zh).toMatch(/^查询参数 格式 format：须为以下之一：xlsx、csv/);
      queryRefusal(await get('/api/v1/samples/s-none/export?format=pdf'), 'format');
    });

    it('an unknown lineage filter is refused', async () => {
      queryRefusal(
        await get('/api/v1/rates/signing_overall/lineage?period=2024&filter=maybe'),
        'filter',
      );
    });

    it('an unknown parameter is refused, listing the accepted ones', async () => {
      const r = await get('/api/v1/rates?period=2024&year=2024');
      queryRefusal(r, 'year');
      const accepted = /accepted: (.*)$/.exec(r.body.errors[0].en)![1].split(', ');
      expect(accepted.sort()).toEqual(['asOf', 'asOfBasis', 'period', 'unit']);
    });

    it.each([
      ['/api/v1/rates?asOf=2024-02-30', 'asOf'],
      ['/api/v1/rates?period=2024&period=2025', 'period'],
      ['/api/v1/rates/signing_overall/lineage?page=abc', 'page'],
      ['/api/v1/rates/signing_overall/lineage?pageSize=501', 'pageSize'],
      ['/api/v1/progress?asOf=2024-01-01', 'asOf'],
      ['/api/v1/live?unit=has%20space', 'unit'],
      ['/api/v1/funds?year=1999', 'year'],
      ['/api/v1/alerts?status=bogus', 'status'],
      ['/api/v1/audit/reads?limit=abc', 'limit'],
      ['/api/v1/audit/reads?after=-1', 'after'],
      ['/api/v1/reconciliation?period=twenty', 'period'],
      ['/api/v1/rates?__proto__=1', '__proto__'],
    ])('%s is refused naming %s', async (path, field) => {
      queryRefusal(await get(path), field);
    });

    it('a missing period is the current year in China, and the answer says which', async () => {
      const r = await get('/api/v1/rates');
      expect(r.status).toBe(200);
      expect(r.body.period).toBe(Number(chinaDay(new Date().toISOString()).slice(0, 4)));
    });
  });
});
