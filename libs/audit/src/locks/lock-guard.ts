import type { EventStore } from '@libs/ledger';
import {
  ACTIVITIES_STREAM_PREFIX,
  FUNDS_STREAM_PREFIX,
  PERSONAL_DATA_COMMAND_TYPES,
  type Action,
  type CommandRequest,
  type ResidentState,
  chinaDay,
  type StreamStateCache,
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
 * The units whose sealed periods a command's record belongs to, or undefined when the lock does
 * not apply: a resident's unit (and the unit it moves to), for a fund flow both ends — a
 * payment is a record of the payer and of the payee — and for a unit's activity the unit. Fund commands are dated like service
 * records, so a payment dated in a sealed year cannot slip in after the seal either.
 */
function lockedUnits(
  action: Action,
  request: CommandRequest,
  state: unknown,
): string[] | undefined {
  // Personal data counts in no figure: a seal does not lock it, and an erasure is owed anyway.
  if (PERSONAL_DATA_COMMAND_TYPES.has(action.type)) return undefined;
  const stream = action.stream(request);
  if (stream.startsWith('resident-')) {
    const resident = state as ResidentState | undefined;
    const r = request as CommandRequest & { unitId?: string; toUnitId?: string };
    return [resident?.unitId, r.unitId, r.toUnitId].filter(
      (u): u is string => typeof u === 'string',
    );
  }
  // A unit's own activities (lectures, case reports) count in its sealed figures as records do.
  if (stream.startsWith(FUNDS_STREAM_PREFIX) || stream.startsWith(ACTIVITIES_STREAM_PREFIX))
    return (action.unitsTouched(request, state) ?? []).filter((u) => typeof u === 'string');
  return undefined;
}

/**
 * executeCommand's guard: a command on a resident, fund or activity stream whose day falls in a sealed year
 * of one of its units (or an ancestor) is refused with PERIOD_LOCKED, unless an unexpired
 * exception covers it. Seals and exceptions are read from their streams, never from a projection.
 */
export function lockGuard(store: EventStore, states?: StreamStateCache) {
  const lookup = storeFactLookup(store, states);
  return async (
    action: Action,
    request: CommandRequest,
    state: unknown,
    now: string,
  ): Promise<void> => {
    const own = lockedUnits(action, request, state);
    if (!own) return;
    // Only corrections and voids read the state: the day of the record they change.
    const days = daysTouched(action, request, state as ResidentState | undefined);
    const years = [...new Set(days.map((d) => Number(d.slice(0, 4))))];
    // Most years have no seal at all: then nothing below can refuse, and a bulk load skips
    // walking the unit tree and asking for each ancestor's seal stream, line after line.
    if (store.hasStreamPrefixed && !(await anySeal(store, years))) return;
    // Each unit's own chain: every unit the record belongs to must be open, so an exception for
    // the payee does not open the payer's sealed year (nor the old unit's for a move).
    const chains: string[][] = [];
    for (const unitId of own) {
      const chain = new Set<string>();
      for (const day of days) for (const u of await ancestry(lookup, unitId, day)) chain.add(u);
      chains.push([...chain]);
    }
    const seals: SealFact[] = [];
    for (const year of years) {
      for (const unitId of new Set(chains.flat())) {
        for (const e of await eventsOf(store, sealStream(year, unitId))) {
          const seal = sealFactOf(e, year, unitId);
          if (seal) seals.push(seal);
        }
      }
    }
    if (seals.length === 0) return;
    const exceptions: LockExceptionFact[] = [];
    for (const year of years) {
      for (const e of await eventsOf(store, lockExceptionsStream(year))) {
        const x = lockExceptionFactOf(e);
        if (x) exceptions.push(x);
      }
    }
    for (const chain of chains)
      assertNotLocked(lockDecision({ days, chain, seals, exceptions, now }));
  };
}

async function anySeal(store: EventStore, years: number[]): Promise<boolean> {
  for (const year of years) if (await store.hasStreamPrefixed!(sealStream(year, ''))) return true;
  return false;
}

/**
 * A seal or exception stream's events. Almost every unit and year has none, and every command
 * asks for several: a store that answers its tips from memory saves a read each.
 */
async function eventsOf(store: EventStore, streamId: string) {
  if (store.streamTip && !(await store.streamTip(streamId))) return [];
  return store.readStream(streamId);
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
