/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field in tests */
import { Agent, request } from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent byte for byte; content-length is set from it. */
  body?: Buffer | string;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed when the answer says it is JSON. */
  body: any;
}

/**
 * node:http rather than fetch: fetch sets its own content-type for a string body, refuses some
 * headers and cannot send bytes that lie about their encoding, which is what these tests need.
 */
export function rawClient(base: string): {
  send(r: RawRequest): Promise<RawReply>;
  close(): void;
} {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const send = (r: RawRequest) =>
    new Promise<RawReply>((resolve, reject) => {
      const body = r.body === undefined ? undefined : Buffer.from(r.body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method ?? (body ? 'POST' : 'GET'),
          path: r.path,
          headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const json = String(res.headers['content-type'] ?? '').includes('json');
            let parsed: unknown;
            try {
              parsed = json && text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
          });
          res.on('error', reject);
        },
      );
      // A request the app never answers (an SSE stream that should have been refused) fails.
      req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${r.path} in 10 s`)));
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}
