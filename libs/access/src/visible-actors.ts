import type { FactLookup } from '@libs/records';
import type { ActorState } from './actor-events';
import { authorize } from './authorize';
import type { Principal } from './principal';
import { withinScope } from './unit-scope';

/**
 * The actors `by` may see: only an actor manager sees any, and only those it could manage, in
 * its subtree. Names, roles, scopes and key ids tell who can do what, which is not every
 * caller's business; the API and the CLI's `--key` list through this one rule.
 */
export async function actorsVisibleTo(
  by: Principal,
  actors: readonly ActorState[],
  lookup: FactLookup,
  today: string,
): Promise<ActorState[]> {
  await authorize(by, { permission: 'actors:manage', units: null }, lookup, today);
  if (by.unitId === null) return [...actors];
  const visible: ActorState[] = [];
  for (const a of actors)
    if (a.unitId !== null && (await withinScope(lookup, by.unitId, a.unitId, today)))
      visible.push(a);
  return visible;
}
