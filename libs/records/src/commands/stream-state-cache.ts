import { LRUCache } from 'lru-cache';
import type { EventStore, RecordedEvent } from '@libs/ledger';

/** A stream's folded state as of one event, named by its revision and hash. */
export interface CachedStreamState {
  revision: number;
  hash: string;
  state: unknown;
}

export interface Evolver {
  evolve(state: unknown, event: unknown): unknown;
  initialState(): unknown;
  /** Many events at once, as evolve would fold them, where that can be done cheaper. */
  fold?(state: unknown, events: readonly unknown[]): unknown;
}

/** The state after the events, through the evolver's own fold where it has one. */
export function foldOnto(evolver: Evolver, state: unknown, events: readonly unknown[]): unknown {
  return evolver.fold ? evolver.fold(state, events) : events.reduce(evolver.evolve, state);
}

/** The folded state of a stream, and its history when it had to be read whole. */
export interface LoadedStream {
  state: unknown;
  /** -1 for a stream with no event. */
  revision: number;
  /** Present only when the stream was read from the start (no cache, or the cache was cold). */
  history?: RecordedEvent[];
}

/** From this many events a stream is kept among the long ones. */
const LONG_STREAM_EVENTS = 24;

/**
 * Folded state kept per stream, so deciding costs the same for a resident with 900 events as for
 * one with 7. An entry is used only while the store's tip still has its revision *and* hash: a
 * batch rolled back, or another process's append, makes it stale and it is read again (from the
 * cached event onwards when that event is still the same). Bounded: least recently used streams
 * go first. Evolve functions are pure, so a cached state is never changed in place.
 */
export class StreamStateCache {
  private readonly entries: LRUCache<string, CachedStreamState>;
  /**
   * Streams of many events (a unit's activities for a year, a chronic patient's follow-ups) kept
   * apart from the rest: in a bulk load the short resident streams pass through the cache
   * thousands at a time and would push a long stream out, and reading a long stream again costs
   * in proportion to its length on every command (a district year's import spent its last
   * minutes re-reading activity streams).
   */
  private readonly long: LRUCache<string, CachedStreamState>;

  constructor(maxStreams = 100_000, maxLongStreams = 20_000) {
    this.entries = new LRUCache({ max: maxStreams });
    this.long = new LRUCache({ max: maxLongStreams });
  }

  private get(streamId: string): CachedStreamState | undefined {
    return this.long.get(streamId) ?? this.entries.get(streamId);
  }

  async load(store: EventStore, streamId: string, evolver: Evolver): Promise<LoadedStream> {
    // Without both fast paths the repeat check needs the whole stream anyway.
    if (!store.streamTip || !store.eventsOfCommand) return this.readWhole(store, streamId, evolver);
    const cached = this.get(streamId);
    // Nothing kept: the stream read whole is the answer, without asking its tip first.
    if (!cached) return this.readWhole(store, streamId, evolver);
    const tip = await store.streamTip(streamId);
    if (!tip) {
      this.entries.delete(streamId);
      this.long.delete(streamId);
      return { state: evolver.initialState(), revision: -1, history: [] };
    }
    if (cached && cached.revision === tip.revision && cached.hash === tip.hash) {
      return { state: cached.state, revision: cached.revision };
    }
    if (cached && cached.revision < tip.revision) {
      const [anchor, ...newer] = await store.readStream(streamId, cached.revision);
      if (anchor?.hash === cached.hash) {
        const state = foldOnto(evolver, cached.state, newer);
        this.remember(streamId, newer, state);
        return { state, revision: tip.revision };
      }
    }
    return this.readWhole(store, streamId, evolver);
  }

  /** After an append: the state folded forward over the events just written. */
  advance(streamId: string, from: unknown, events: RecordedEvent[], evolver: Evolver): void {
    if (events.length === 0) return;
    this.remember(streamId, events, foldOnto(evolver, from, events));
  }

  private async readWhole(
    store: EventStore,
    streamId: string,
    evolver: Evolver,
  ): Promise<LoadedStream> {
    const loaded = await readStreamState(store, streamId, evolver);
    this.remember(streamId, loaded.history, loaded.state);
    return loaded;
  }

  private remember(streamId: string, events: RecordedEvent[], state: unknown): void {
    const last = events[events.length - 1];
    if (!last) return;
    const entry = { revision: last.revision, hash: last.hash, state };
    if (last.revision + 1 >= LONG_STREAM_EVENTS) {
      this.long.set(streamId, entry);
      this.entries.delete(streamId);
    } else this.entries.set(streamId, entry);
  }
}

/** A stream read whole and folded: what every command did before the cache, and still does without one. */
export async function readStreamState(
  store: EventStore,
  streamId: string,
  evolver: Evolver,
): Promise<LoadedStream & { history: RecordedEvent[] }> {
  const history = await store.readStream(streamId);
  return {
    state: foldOnto(evolver, evolver.initialState(), history),
    revision: history.length - 1,
    history,
  };
}
