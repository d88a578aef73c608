import { summarise } from './latency';

export interface LiveFeedFigures {
  subscribers: number;
  commands: number;
  /** Milliseconds from a command's acknowledgement to the delta carrying it, at each subscriber. */
  delivery: { p50: number; p99: number; max: number; count: number; missing: number };
  /** Bytes of each delta's data. */
  deltaBytes: { p50: number; max: number };
  /** /health polled every 20 ms during the run: the event loop's answer time. */
  health: { p50: number; p99: number; max: number };
}

interface Seen {
  resolveAt: Map<number, (t: number) => void>;
  sizes: number[];
  positions: number[];
}

/** Reads one SSE stream, noting when each delta (by its id, the log position) arrives. */
async function follow(url: string, key: string, seen: Seen, ready: () => void, stop: AbortSignal) {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
    signal: stop,
  });
  if (!response.ok || !response.body) throw new Error(`live feed answered ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string) =>
          message
            .split('\n')
            .filter((l) => l.startsWith(`${name}:`))
            .map((l) => l.slice(name.length + 1).trimStart())
            .join('\n');
        const type = field('event');
        if (type === 'rates' || type === 'ready') ready();
        if (type !== 'delta') continue;
        const at = performance.now();
        const position = Number(field('id'));
        seen.sizes.push(Buffer.byteLength(field('data')));
        seen.positions.push(position);
        for (const [p, resolve] of seen.resolveAt) if (p <= position) resolve(at);
      }
    }
  } catch (error) {
    if (!stop.aborted) throw error;
  }
}

/**
 * New residents registered in a unit: each one changes the unit's figures (every all-residents
 * denominator grows), so every command must reach every subscriber as a delta. A follow-up may
 * change no figure at all, and then the feed rightly sends nothing.
 */
export function newResidentBodies(unitId: string, runId: string): () => string {
  let n = 0;
  return () => {
    const i = n++;
    return JSON.stringify({
      type: 'RegisterResident',
      commandId: `bench-live-${runId}-${i}`,
      occurredAt: '2024-06-01',
      residentId: `bench-live-${runId}-${i}`,
      birthDate: '1950-03-01',
      sex: i % 2 ? 'male' : 'female',
      unitId,
      householdId: `bench-live-${runId}-h${i}`,
      tags: [],
    });
  };
}

/**
 * Many dashboards on the live feed of one unit while commands arrive one at a time: how long
 * after its acknowledgement each command's delta reaches every subscriber, how big a delta is,
 * and whether /health stays quick meanwhile.
 */
export async function liveDelivery(o: {
  base: string;
  readerKey: string;
  writerKey: string;
  path: string;
  nextBody: () => string;
  subscribers: number;
  commands: number;
  gapMs: number;
}): Promise<LiveFeedFigures> {
  const stop = new AbortController();
  const seens: Seen[] = [];
  const readies: Promise<void>[] = [];
  const streams: Promise<void>[] = [];
  for (let i = 0; i < o.subscribers; i += 1) {
    const seen: Seen = { resolveAt: new Map(), sizes: [], positions: [] };
    seens.push(seen);
    let ready!: () => void;
    readies.push(new Promise<void>((r) => (ready = r)));
    streams.push(follow(`${o.base}${o.path}`, o.readerKey, seen, ready, stop.signal));
  }
  const failed = Promise.race(streams.map((s) => s.then(() => new Promise<never>(() => {}))));
  await Promise.race([Promise.all(readies), failed]);
  const health: number[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const t = performance.now();
      await (await fetch(`${o.base}/health`)).arrayBuffer();
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const delays: number[] = [];
  let missing = 0;
  for (let c = 0; c < o.commands; c += 1) {
    const response = await fetch(`${o.base}/api/v1/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.writerKey}` },
      body: o.nextBody(),
    });
    const result = (await response.json()) as { events?: { position: number }[] };
    const acked = performance.now();
    const position = result.events?.at(-1)?.position;
    if (!response.ok || position === undefined)
      throw new Error(`a live-feed command was refused (${response.status})`);
    const arrivals = await Promise.all(
      seens.map(
        (seen) =>
          new Promise<number | null>((resolve) => {
            const timer = setTimeout(() => {
              seen.resolveAt.delete(position);
              resolve(null);
            }, 5_000);
            // It may have come already, before the answer to the POST was read.
            if (seen.positions.some((p) => p >= position)) {
              clearTimeout(timer);
              return resolve(acked);
            }
            seen.resolveAt.set(position, (t) => {
              clearTimeout(timer);
              seen.resolveAt.delete(position);
              resolve(t);
            });
          }),
      ),
    );
    for (const t of arrivals)
      if (t === null) missing += 1;
      else delays.push(Math.max(0, t - acked));
    await new Promise((r) => setTimeout(r, o.gapMs));
  }
  polling = false;
  await poll;
  stop.abort();
  await Promise.allSettled(streams);
  const d = summarise(delays);
  const h = summarise(health);
  const sizes = seens.flatMap((s) => s.sizes);
  const s = summarise(sizes);
  return {
    subscribers: o.subscribers,
    commands: o.commands,
    delivery: { p50: d.p50, p99: d.p99, max: d.max, count: delays.length, missing },
    deltaBytes: { p50: s.p50, max: s.max },
    health: { p50: h.p50, p99: h.p99, max: h.max },
  };
}
