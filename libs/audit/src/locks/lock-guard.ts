import type { EventStore } from '@libs/ledger';
import {
  type Action,
  type CommandRequest,
  type ResidentState,
  chinaDay,
  storeFactLookup,
  unitOn,
} from '@libs/records';
import { assertNotLocked, lockDecision } from './lock-decision';
import {
  type LockExceptionFact,
  type SealFact,
  lockExceptionFactOf,
  lockExceptionsStream,
  sealFactOf,
  sealStream,
} from './lock-streams';

const MAX_DEPTH = 12;
/** Commands that change a record of another day: the record's own day is locked too. */
const EDITS_OF_A_RECORD = new Set(['CorrectRecord', 'VoidRecord']);

/** The world days a resident command touches. */
export function daysTouched(
  action: Action,
  request: CommandRequest,
  state: ResidentState | undefined,
): string[] {
  const days = [request.occurredAt];
  if (EDITS_OF_A_RECORD.has(action.type)) {
    const r = request as CommandRequest & { recordId?: string; changes?: Record<string, unknown> };
    const record = r.recordId ? state?.records?.[r.recordId] : undefined;
    if (record) days.push(record.occurredAt);
    if (typeof r.changes?.occurredAt === 'string') days.push(r.changes.occurredAt);
  }
  return days.map(chinaDay);
}

/**
 * executeCommand's guard: a command on a resident stream whose day falls in a sealed year of the
 * resident's unit (or an ancestor) is refused with PERIOD_LOCKED, unless an unexpired exception
 * covers it. Seals and exceptions are read from their streams, never from a projection.
 */
export function lockGuard(store: EventStore) {
  const lookup = storeFactLookup(store);
  return async (
    action: Action,
    request: CommandRequest,
    state: unknown,
    now: string,
  ): Promise<void> => {
    if (!action.stream(request).startsWith('resident-')) return;
    const resident = state as ResidentState | undefined;
    const r = request as CommandRequest & { unitId?: string; toUnitId?: string };
    const own = [resident?.unitId, r.unitId, r.toUnitId].filter(
      (u): u is string => typeof u === 'string',
    );
    const days = daysTouched(action, request, resident);
    const years = [...new Set(days.map((d) => Number(d.slice(0, 4))))];
    const chain = new Set<string>();
    for (const day of days)
      for (const unitId of own) for (const u of await ancestry(lookup, unitId, day)) chain.add(u);
    const seals: SealFact[] = [];
    for (const year of years) {
      for (const unitId of chain) {
        for (const e of await store.readStream(sealStream(year, unitId))) {
          const seal = sealFactOf(e, year, unitId);
          if (seal) seals.push(seal);
        }
      }
    }
    if (seals.length === 0) return;
    const exceptions: LockExceptionFact[] = [];
    for (const year of years) {
      for (const e of await store.readStream(lockExceptionsStream(year))) {
        const x = lockExceptionFactOf(e);
        if (x) exceptions.push(x);
      }
    }
    assertNotLocked(lockDecision({ days, chain: [...chain], seals, exceptions, now }));
  };
}

/** The unit and its parents as the tree stood on the day (the latest version when closed or not yet open). */
async function ancestry(
  lookup: ReturnType<typeof storeFactLookup>,
  unitId: string,
  day: string,
): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = unitId;
  for (let depth = 0; current && depth < MAX_DEPTH && !chain.includes(current); depth += 1) {
    chain.push(current);
    const unit = await lookup.unit(current);
    if (!unit.registered) break;
    current = (unitOn(unit, day) ?? unit.versions[unit.versions.length - 1])?.parentId ?? null;
  }
  return chain;
}
