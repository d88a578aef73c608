'use strict';
/* global process, module, __filename */
/**
 * Moves the clock so that "now" starts at a chosen instant and keeps ticking from there.
 *
 * Why shift and not freeze: the suite waits on real timeouts, sockets and child processes, and
 * the ledger orders recordedAt by the clock; a frozen clock would hang or reorder them. Only
 * `Date.now()`, `new Date()` (no argument) and `Date()` move; every other Date call is untouched.
 *
 * With LEDGER_TEST_NOW (an ISO instant) set, loading this file shifts the clock at once:
 * - Jest loads it as a setup file, once per test file inside that file's own globals, so each
 *   file starts at the chosen instant (npm run test:clock);
 * - it then puts itself on NODE_OPTIONS together with the offset it chose, so a CLI the test
 *   spawns with its `process.env` (test/support/run-cli.ts) runs on the same clock.
 * Plain JavaScript because those child processes run the built CLI, without a TypeScript loader.
 *
 * A spec can also call shiftClock(instant) itself and restore the real clock afterwards.
 */

/** Shifts `g.Date` so that now is `at`; returns a function that puts the previous Date back. */
function shiftClock(at, g = globalThis, env = undefined) {
  const previous = g.Date;
  // Always shift from the real clock, even when a clock shifted by LEDGER_TEST_NOW is in place.
  const RealDate = previous.ledgerRealDate ?? previous;
  const target = RealDate.parse(at);
  if (Number.isNaN(target)) throw new Error(`${at} is not an ISO instant`);
  // A child process inherits its parent's offset, so parent and child read the same time.
  const inherited =
    env && env.LEDGER_TEST_CLOCK_FOR === at ? Number(env.LEDGER_TEST_CLOCK_OFFSET_MS) : Number.NaN;
  const offset = Number.isFinite(inherited) ? inherited : target - RealDate.now();
  const now = () => RealDate.now() + offset;

  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  // Same prototype: `instanceof Date` holds for dates made before and after the shift.
  ShiftedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.now = now;
  ShiftedDate.ledgerRealDate = RealDate;
  g.Date = ShiftedDate;

  if (env) {
    env.LEDGER_TEST_CLOCK_FOR = at;
    env.LEDGER_TEST_CLOCK_OFFSET_MS = String(offset);
    const preload = `--require ${JSON.stringify(__filename)}`;
    if (!(env.NODE_OPTIONS ?? '').includes(preload))
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} ${preload}`.trim();
  }
  return () => {
    g.Date = previous;
  };
}

module.exports = { shiftClock };

if (process.env.LEDGER_TEST_NOW && !globalThis.Date.ledgerRealDate)
  shiftClock(process.env.LEDGER_TEST_NOW, globalThis, process.env);
