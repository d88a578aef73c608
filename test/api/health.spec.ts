import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/create-app';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { chinaDay } from '@libs/records';

/** Real HTTP on loopback: the app listens on an ephemeral port and fetch talks to it. */
describe('GET /health', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createApp(
      loadAppConfig({ LEDGER_STORE: 'sqlite::memory:', LOG_LEVEL: 'silent', PORT: '0' }),
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => app?.close());

  it('reports the store kind and head position', async () => {
    let response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const empty = (await response.json()) as { headPosition: number };
    expect(empty).toMatchObject({
      status: 'ok',
      store: 'sqlite',
      headPosition: 0,
      projectionLag: 0,
    });
    // The current China year is kept from the start, even with nothing recorded yet.
    const thisYear = Number(chinaDay(new Date().toISOString()).slice(0, 4));
    expect((empty as unknown as { figures: { kept: number[] } }).figures.kept).toContain(thisYear);

    const store = app.get<EventStore>(EVENT_STORE);
    await store.append(
      'resident-h1',
      [{ type: 'ResidentRegistered', occurredAt: '2024-01-01', data: {} }],
      {
        expectedRevision: 'no_stream',
        actor: 'test',
      },
    );
    response = await fetch(`${base}/health`);
    expect(((await response.json()) as { headPosition: number }).headPosition).toBe(1);
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${base}/api/docs-json`);
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { paths: Record<string, unknown> }).paths['/health'],
    ).toBeDefined();
  });
});
