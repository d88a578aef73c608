import type { INestApplication } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AS_OF_BASES } from '@libs/indicators';
import { createApp } from '../../apps/api/src/create-app';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import {
  EXPORT_FORMATS,
  ExportQuery,
  LINEAGE_FILTERS,
  LineageQuery,
  PeriodQuery,
} from '../../apps/api/src/indicators/rates-request';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type: string; enum?: string[]; minimum?: number; maximum?: number; example?: unknown };
}

/** The parameters a query DTO accepts: what the document must list, no more, no less. */
const accepted = (dto: new () => object): string[] =>
  [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    ),
  ].sort();

/** The OpenAPI document at /api/docs, as a client generator reads it. */
describe('OpenAPI: the query parameters of progress, export and lineage', () => {
  let app: INestApplication;
  let paths: Record<string, { get: { parameters: Parameter[] } }>;

  beforeAll(async () => {
    app = await createApp(
      loadAppConfig({ LEDGER_STORE: 'sqlite::memory:', LOG_LEVEL: 'silent', PORT: '0' }),
    );
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${await app.getUrl()}/api/docs-json`);
    expect(response.status).toBe(200);
    paths = ((await response.json()) as { paths: typeof paths }).paths;
  });
  afterAll(async () => app?.close());

  const query = (path: string) =>
    Object.fromEntries(
      paths[path].get.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
    );

  it.each([
    ['/api/v1/progress', PeriodQuery],
    ['/api/v1/export', ExportQuery],
    ['/api/v1/rates/{indicator}/lineage', LineageQuery],
  ])(
    '%s documents every parameter its DTO accepts, each optional, typed, with an example',
    (path, dto) => {
      const documented = query(path);
      expect(Object.keys(documented).sort()).toEqual(accepted(dto));
      for (const p of Object.values(documented)) {
        expect(p.required).toBe(false);
        expect(['string', 'integer']).toContain(p.schema.type);
        expect(p.schema.example).toBeDefined();
      }
    },
  );

  it('gives the types and allowed values', () => {
    const lineage = query('/api/v1/rates/{indicator}/lineage');
    expect(lineage.period.schema).toMatchObject({ type: 'string', example: '2024' });
    expect(lineage.unit.schema.type).toBe('string');
    expect(lineage.asOf.schema.type).toBe('string');
    expect(lineage.asOfBasis.schema).toMatchObject({ type: 'string', enum: [...AS_OF_BASES] });
    expect(lineage.filter.schema).toMatchObject({ type: 'string', enum: [...LINEAGE_FILTERS] });
    expect(lineage.page.schema).toMatchObject({ type: 'integer', minimum: 0 });
    expect(lineage.pageSize.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
    const exported = query('/api/v1/export');
    expect(exported.format.schema).toMatchObject({ type: 'string', enum: [...EXPORT_FORMATS] });
    expect(exported.asOfBasis.schema.enum).toEqual([...AS_OF_BASES]);
    const progress = query('/api/v1/progress');
    expect(progress.period.schema.type).toBe('string');
    const indicator = paths['/api/v1/rates/{indicator}/lineage'].get.parameters.find(
      (p) => p.in === 'path',
    );
    expect(indicator).toMatchObject({ name: 'indicator', required: true });
  });
});
