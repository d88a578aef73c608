/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field in tests */
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/create-app';
import { loadAppConfig } from '../../apps/api/src/config/app-config';

export interface RunningApi {
  app: INestApplication;
  base: string;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  get(path: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The real app on an ephemeral loopback port, with a fresh in-memory SQLite store. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const app = await createApp(loadAppConfig({ LEDGER_STORE: 'sqlite::memory:', LOG_LEVEL: 'silent', PORT: '0', ...env }));
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    app,
    base,
    post: (path, body) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path) => call(path),
    close: () => app.close(),
  };
}
