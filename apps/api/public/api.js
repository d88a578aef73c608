/* The ledger API as the page uses it: keyed GETs, and the live feed read with fetch (EventSource cannot send a key). */
/* global window, fetch, URLSearchParams, AbortController, TextDecoder, setTimeout -- a browser script, loaded by index.html */
(function () {
  'use strict';

  /** A refusal from the API: status 401 (bad or revoked key), 403 (outside scope), 4xx/5xx otherwise. */
  class ApiError extends Error {
    constructor(status, body) {
      super(body?.message?.en ?? `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(name, String(value));
    const text = q.toString();
    return text ? `?${text}` : '';
  }

  async function errorOf(response) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return new ApiError(response.status, body);
  }

  async function get(key, path, params = {}) {
    const response = await fetch(`/api/v1/${path}${query(params)}`, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  /** Splits a Server-Sent Events buffer into complete messages; returns the messages and the unfinished rest. */
  function parseEvents(buffer) {
    const events = [];
    const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
    const rest = blocks.pop();
    for (const block of blocks) {
      let type = 'message';
      let id = null;
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) events.push({ type, id, data: data.join('\n') });
    }
    return { events, rest };
  }

  /**
   * Follows /api/v1/live until stopped, reconnecting with a growing pause after a drop.
   * handlers: onRates(view), onAlert(alert), onState('connecting'|'connected'|'reconnecting'), onRefused(ApiError).
   * The server sends the whole view once, then only what changed (deltas, applied here); a
   * reconnect names the last position seen (Last-Event-ID), and gets no whole view when nothing
   * was missed.
   */
  function follow(key, params, handlers) {
    const controller = new AbortController();
    let stopped = false;
    let attempt = 0;
    let view = null;
    let lastId = null;

    async function readStream() {
      const resume = view && lastId ? { 'last-event-id': lastId } : {};
      const response = await fetch(`/api/v1/live${query(params)}`, {
        headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...resume },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!response.ok) throw await errorOf(response);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseEvents(buffer);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.type === 'alert') handlers.onAlert?.(JSON.parse(event.data));
          if (event.type === 'ready') {
            // Resumed: the view in hand is current.
            attempt = 0;
            handlers.onState('connected');
            continue;
          }
          if (event.type === 'rates') view = JSON.parse(event.data);
          else if (event.type === 'delta' && view) view = window.LiveDelta.applyDelta(view, JSON.parse(event.data));
          else continue;
          if (event.id) lastId = event.id;
          attempt = 0;
          handlers.onState('connected');
          handlers.onRates(view);
        }
      }
    }

    async function loop() {
      handlers.onState('connecting');
      while (!stopped) {
        try {
          await readStream();
        } catch (error) {
          if (stopped) return;
          if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 400 || error.status === 404)) {
            handlers.onRefused(error);
            return;
          }
        }
        if (stopped) return;
        handlers.onState('reconnecting');
        attempt += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5))));
      }
    }

    loop();
    return {
      stop() {
        stopped = true;
        controller.abort();
      },
    };
  }

  window.LedgerApi = { ApiError, get, follow };
})();
