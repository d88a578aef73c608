/** One server-sent event as a dashboard reads it. */
export interface FeedEvent {
  type: string;
  id: string | undefined;
  data: string;
}

/** Reads a live feed (SSE) over real HTTP, collecting its events until stopped. */
export function followFeed(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: FeedEvent[] = [];
  let contentType: string | null = null;
  const done = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    contentType = response.headers.get('content-type');
    const reader = response.body!.getReader();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffer += Buffer.from(value).toString('utf8');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, cut).split('\n');
        buffer = buffer.slice(cut + 2);
        const field = (name: string) =>
          lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data) events.push({ type: field('event') ?? 'message', id: field('id'), data });
      }
    }
  })().catch(() => undefined);
  return {
    events,
    contentType: () => contentType,
    stop: async () => (controller.abort(), await done),
  };
}
