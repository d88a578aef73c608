/**
 * A district's model holds about three million lists of later facts (a record's corrections,
 * voids, renewals, terminations; a resident's tag changes, moves, deaths), and nearly all of
 * them stay empty. An empty array costs 32 bytes each, ~150 MB over a district, so they all
 * start as this one frozen list and get their own array on the first fact. Frozen, so a push
 * onto it by mistake throws instead of giving every record the same fact.
 */
export const NONE = Object.freeze([]) as unknown as never[];

/** The list with `item` added: a new array in place of the shared empty one, else the same. */
export function withAdded<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}
