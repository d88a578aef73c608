import { isDeepStrictEqual } from 'node:util';
import type { ratesView } from './rates-view';

export type RatesView = ReturnType<typeof ratesView>;

/** The keyed lists of a view that change as records arrive; everything else changes rarely. */
const LISTS = {
  rows: (r: RatesView['rows'][number]) => `${r.unitId}|${r.indicatorId}`,
  teams: (t: RatesView['teams'][number]) => t.teamId,
  doctors: (d: RatesView['doctors'][number]) => d.doctorId,
  pace: (p: RatesView['pace'][number]) => p.indicatorId,
} as const;

type ListName = keyof typeof LISTS;

/**
 * What changed between two views of one feed: the items of each keyed list that are new or
 * different, and the keys of those gone. The live feed sends this instead of the whole table
 * (a district's is hundreds of kB; a follow-up changes a few rows, one team, one doctor).
 */
export interface LiveDelta {
  position: number;
  day: string;
  changed: { [K in ListName]: RatesView[K] };
  removed: Record<ListName, string[]>;
}

/** Fields outside the keyed lists; when one differs, a whole view is sent instead of a delta. */
const FIXED = ['period', 'asOf', 'asOfBasis', 'unit', 'children', 'catalog'] as const;

/**
 * 'snapshot' when the view's frame changed (a unit renamed, a sub-unit added, a new catalog),
 * null when no figure changed, else the delta that turns `previous` into `next`.
 */
export function liveDelta(previous: RatesView, next: RatesView): LiveDelta | 'snapshot' | null {
  if (FIXED.some((field) => !isDeepStrictEqual(previous[field], next[field]))) return 'snapshot';
  const delta: LiveDelta = {
    position: next.position,
    day: next.day,
    changed: { rows: [], teams: [], doctors: [], pace: [] },
    removed: { rows: [], teams: [], doctors: [], pace: [] },
  };
  let any = previous.day !== next.day;
  for (const name of Object.keys(LISTS) as ListName[]) {
    const keyOf = LISTS[name] as (item: unknown) => string;
    const before = new Map((previous[name] as unknown[]).map((item) => [keyOf(item), item]));
    const seen = new Set<string>();
    for (const item of next[name] as unknown[]) {
      const key = keyOf(item);
      seen.add(key);
      if (!samePlain(before.get(key), item)) {
        (delta.changed[name] as unknown[]).push(item);
        any = true;
      }
    }
    for (const key of before.keys())
      if (!seen.has(key)) {
        delta.removed[name].push(key);
        any = true;
      }
  }
  return any ? delta : null;
}

/**
 * Deep equality of the plain data a view holds (numbers, strings, booleans, null, arrays, plain
 * objects). A district's view compares about a thousand doctors' figures per change, and
 * isDeepStrictEqual's generality (prototypes, symbols, cycles) cost more than the rest of the
 * delta; nothing in a view needs it.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!(k in y) || !samePlain(x[k], y[k])) return false;
  return true;
}
