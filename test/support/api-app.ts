/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field in tests */
import type { INestApplication } from '@nestjs/common';
import { ActorAdmin, OPERATOR, type Role } from '@libs/access';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { createApp } from '../../apps/api/src/create-app';
import { loadAppConfig } from '../../apps/api/src/config/app-config';

export interface Reply {
  status: number;
  body: any;
}

export interface RunningApi {
  app: INestApplication;
  base: string;
  store: EventStore;
  /** A key of an unscoped actor holding every role: for arranging fixtures. */
  rootKey: string;
  keyFor(roles: Role[], unitId?: string): Promise<{ actorId: string; key: string }>;
  post(path: string, body: unknown, key?: string | null): Promise<Reply>;
  get(path: string, key?: string | null): Promise<Reply>;
  close(): Promise<void>;
}

/** The real app on an ephemeral loopback port, with a fresh in-memory SQLite store. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const app = await createApp(
    loadAppConfig({
      LEDGER_STORE: 'sqlite::memory:',
      LOG_LEVEL: 'silent',
      PORT: '0',
      LEDGER_DEMO: 'off',
      ...env,
    }),
  );
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const store = app.get<EventStore>(EVENT_STORE);
  const operator = new ActorAdmin(store, systemClock, OPERATOR);
  const rootKey = (
    await operator.add({
      name: 'test root',
      roles: ['recorder', 'supervisor', 'auditor', 'finance', 'admin'],
    })
  ).key;
  const call = async (
    path: string,
    key: string | null | undefined,
    init: RequestInit = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (key !== null) headers.authorization = `Bearer ${key ?? rootKey}`;
    const response = await fetch(`${base}${path}`, { ...init, headers });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: json && text ? JSON.parse(text) : text || undefined };
  };
  return {
    app,
    base,
    store,
    rootKey,
    keyFor: (roles, unitId) => operator.add({ name: `test ${roles.join('+')}`, roles, unitId }),
    post: (path, body, key) =>
      call(path, key, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, key) => call(path, key),
    close: () => app.close(),
  };
}
