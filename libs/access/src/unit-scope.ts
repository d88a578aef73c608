import { unitOn, type FactLookup } from '@libs/records';

const MAX_DEPTH = 12;

/**
 * Is `unitId` the scope root or below it, in the hierarchy as it stands today? Walks up the
 * parent chain (at most a handful of short stream reads).
 */
export async function withinScope(
  lookup: FactLookup,
  scopeRoot: string,
  unitId: string,
  today: string,
): Promise<boolean> {
  let current: string | null = unitId;
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    if (current === scopeRoot) return true;
    const unit = await lookup.unit(current);
    if (!unit.registered) return false;
    const version = unitOn(unit, today) ?? unit.versions[unit.versions.length - 1];
    current = version?.parentId ?? null;
  }
  return false;
}
