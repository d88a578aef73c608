import {
  type Clock,
  DomainRuleError,
  type EventStore,
  LedgerError,
  type StoreLocation,
  openEventStore,
} from '@libs/ledger';
import { type ExecuteContext, CommandValidationError, executeCommand } from '@libs/records';
import { type GeneratedSeed, SEED_ACTOR, generateSeed, seedCorrelationId } from '../generate-seed';
import type { Scale } from '../huancui-2024';
import type { Injection } from '../inject';
import { ORG_TYPES, rememberingFacts } from './remembering-facts';

/** A ledger clock the seed moves to each command's simulated recordedAt. */
export interface SimulatedClock {
  now: Clock;
  set(ms: number): void;
}

export function simulatedClock(): SimulatedClock {
  let current = 0;
  return { now: () => new Date(current), set: (ms) => (current = ms) };
}

/** A store whose recordedAt is the simulated one; durability 'normal' because a seed can be re-run. */
export async function openSeedStore(
  location: StoreLocation,
): Promise<{ store: EventStore; clock: SimulatedClock }> {
  const clock = simulatedClock();
  return {
    store: await openEventStore(location, { clock: clock.now, durability: 'normal' }),
    clock,
  };
}

export interface SeedProgress {
  done: number;
  total: number;
  events: number;
  refused: number;
}

export interface SeedDistrictOptions {
  store: EventStore;
  scale: Scale;
  year: number;
  seed: number;
  /**
   * The clock the store was opened with (see openSeedStore). Without it the store stamps real
   * time while the rules still judge each command at its simulated recordedAt.
   */
  clock?: SimulatedClock;
  /** Fabrication patterns to plant (see generateSeed). */
  inject?: readonly Injection[];
  /** The commands accepted: the records catalog by default; planted aggregate reports need the audit one. */
  catalog?: ExecuteContext['catalog'];
  onGenerated?(seed: GeneratedSeed): void;
  onProgress?(progress: SeedProgress): void;
}

export interface Refusal {
  commandId: string;
  type: string;
  code: string;
  message: string;
}

export interface SeedReport {
  commands: number;
  eventsAppended: number;
  /** Commands this store had already executed (a resumed seed). */
  duplicates: number;
  refused: number;
  /** The first refusals, for the operator: each is a bug in the generator. */
  refusals: Refusal[];
  generateMs: number;
  applyMs: number;
  eventsPerSecond: number;
}

/** The store holds events that are not this seed's: seeding it would mix synthetic and real records. */
export class SeedStoreNotEmptyError extends LedgerError {
  readonly code = 'SEED_STORE_NOT_EMPTY';
}

const PROGRESS_EVERY = 500;
const REFUSALS_KEPT = 50;

/** Refuses a store that already holds anything but an earlier run of this same seed (which resumes). */
async function assertSeedable(store: EventStore, correlationId: string): Promise<void> {
  const head = await store.headPosition();
  if (head === 0) return;
  const [first] = await store.readAll({ limit: 1 });
  if (first && first.actor === SEED_ACTOR && first.correlationId === correlationId) return;
  throw new SeedStoreNotEmptyError(
    `the store is not empty (head position ${head}) and its events are not from seed run ${correlationId}; seed writes only into an empty store`,
  );
}

/**
 * Generates Huancui district for a year and applies every command through executeCommand, in
 * recorded-time order, as actor synthetic-seed. Refusals are counted, not thrown: each is a
 * generator bug. Anything else (a store failure) stops the seed.
 */
export async function seedDistrict(o: SeedDistrictOptions): Promise<SeedReport> {
  const correlationId = seedCorrelationId(o);
  await assertSeedable(o.store, correlationId);
  let started = performance.now();
  const generated = generateSeed({ scale: o.scale, year: o.year, seed: o.seed, inject: o.inject });
  const generateMs = performance.now() - started;
  o.onGenerated?.(generated);
  const clock = o.clock ?? simulatedClock();
  const facts = rememberingFacts(o.store);
  const ctx = {
    store: o.store,
    clock: clock.now,
    actor: SEED_ACTOR,
    correlationId,
    facts,
    catalog: o.catalog,
  };
  const report = {
    commands: 0,
    eventsAppended: 0,
    duplicates: 0,
    refused: 0,
    refusals: [] as Refusal[],
  };
  started = performance.now();
  for (const { recordedAt, json } of generated.commands()) {
    clock.set(recordedAt);
    const command = JSON.parse(json) as { type: string; commandId: string };
    if (ORG_TYPES.has(command.type)) facts.forget();
    try {
      const result = await executeCommand(command, ctx);
      if (result.duplicate) report.duplicates += 1;
      else report.eventsAppended += result.events.length;
    } catch (error) {
      if (!(error instanceof DomainRuleError || error instanceof CommandValidationError))
        throw error;
      report.refused += 1;
      if (report.refusals.length < REFUSALS_KEPT) {
        report.refusals.push({
          commandId: command.commandId,
          type: command.type,
          code: error.code,
          message: error.message,
        });
      }
    }
    report.commands += 1;
    if (report.commands % PROGRESS_EVERY === 0 || report.commands === generated.total) {
      o.onProgress?.({
        done: report.commands,
        total: generated.total,
        events: report.eventsAppended,
        refused: report.refused,
      });
    }
  }
  const applyMs = performance.now() - started;
  return {
    ...report,
    generateMs,
    applyMs,
    eventsPerSecond: report.eventsAppended / Math.max(applyMs / 1000, 1e-3),
  };
}
