/**
 * Shifts the global Date so that now is `at` (an ISO instant) and keeps ticking; returns a
 * function that restores the previous Date. See shifted-clock.js.
 */
export function shiftClock(at: string): () => void;
