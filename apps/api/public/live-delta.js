/* The live feed's deltas applied to the view the page shows: the server sends only what changed. */
/* global window, module -- loaded by index.html in the browser, required by the API's tests in Node */
(function (root) {
  'use strict';

  /** The keyed lists of a rates view, as the server keys them (apps/api/src/indicators/live-delta.ts). */
  const LISTS = {
    rows: (r) => `${r.unitId}|${r.indicatorId}`,
    teams: (t) => t.teamId,
    doctors: (d) => d.doctorId,
    pace: (p) => p.indicatorId,
  };

  /** The view after `delta`: changed items replace theirs in place, new ones are appended, removed ones go. */
  function applyDelta(view, delta) {
    const next = { ...view, position: delta.position, day: delta.day };
    for (const [name, keyOf] of Object.entries(LISTS)) {
      const changed = new Map((delta.changed[name] || []).map((item) => [keyOf(item), item]));
      const removed = new Set(delta.removed[name] || []);
      const kept = (view[name] || []).filter((item) => !removed.has(keyOf(item))).map((item) => changed.get(keyOf(item)) || item);
      const known = new Set(kept.map(keyOf));
      next[name] = [...kept, ...[...changed.values()].filter((item) => !known.has(keyOf(item)))];
    }
    return next;
  }

  if (typeof module === 'object' && module.exports) module.exports = { applyDelta };
  else root.LiveDelta = { applyDelta };
})(typeof window === 'undefined' ? globalThis : window);
