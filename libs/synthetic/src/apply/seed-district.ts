import {
  type Clock,
  DomainRuleError,
  type EventStore,
  LedgerError,
  type StoreLocation,
  inBatch,
  openEventStore,
} from '@libs/ledger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ExecuteContext,
  ACTIONS_BY_TYPE,
  CommandValidationError,
  StreamStateCache,
  executeCommand,
  executeValidated,
} from '@libs/records';
import { logPages, pullFromWorker } from '@libs/ledger';
import { SEED_ACTOR, type SeedOptions, seedCorrelationId } from '../generate-seed';
import type { Scale } from '../huancui-2024';
import type { Injection } from '../inject';
import type { YearPlan } from '../demo-plan';
import { ORG_TYPES, rememberingFacts } from './remembering-facts';
import {
  type GeneratedSummary,
  type SeedCommandItem,
  type SeedItem,
  seedItems,
} from './seed-items';

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
  /** Signing tasks and funds for a demo (see generateSeed). */
  plan?: YearPlan;
  /** The commands accepted: the records catalog by default; planted aggregate reports need the audit one. */
  catalog?: ExecuteContext['catalog'];
  onGenerated?(seed: GeneratedSummary): void;
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
  /** Commands answered as duplicates of an earlier one in this run: 0 unless the generator repeats an id. */
  duplicates: number;
  refused: number;
  /** The first refusals, for the operator: each is a bug in the generator. */
  refusals: Refusal[];
  generateMs: number;
  applyMs: number;
  eventsPerSecond: number;
}

/**
 * The store already holds events. A seed is a whole synthetic year written in recorded order;
 * applied on top of other events (a demo, an earlier seed of another year, real records) it would
 * half-apply, change their figures and plant deaths and services that raise false alerts.
 */
export class SeedStoreNotEmptyError extends LedgerError {
  readonly code = 'SEED_STORE_NOT_EMPTY';
  constructor(readonly events: number) {
    const n = events.toLocaleString('en-US');
    super(
      `种子数据只写入空库：该库已有 ${n} 条事件，本次未写入任何内容；请换用新的或空的库 / ` +
        `seed writes only into an empty store: this store already holds ${n} event(s) and nothing was written; use a new or empty store`,
    );
  }
}

/** A command the generator wrote that validation refused, counted like a rule's refusal. */
class SeedInvalidCommand extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SEED_WORKER = join(__dirname, 'seed-worker.js');

/**
 * The generated, validated commands: from a worker thread when the compiled worker is there,
 * so generating and validating run beside deciding and appending; else inline (sources run
 * directly, as in unit tests).
 */
function seedItemsOf(options: SeedOptions): AsyncGenerator<SeedItem> {
  if (existsSync(SEED_WORKER)) return pullFromWorker<SeedItem>(SEED_WORKER, options);
  return (async function* () {
    yield* seedItems(options);
  })();
}

const PROGRESS_EVERY = 500;
/** Commands per commit: one fsync for each, as the import does. */
const SEED_BATCH = 4_000;
const REFUSALS_KEPT = 50;
const COUNT_PAGE = 10_000;

/** Counts by reading, because a head position is not a count on every store (EventStoreDB). */
async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const page of logPages(store, { pageSize: COUNT_PAGE })) count += page.length;
  return count;
}

/**
 * Refuses any store that holds events, even an earlier run of the same seed: the run's
 * correlation id names neither its year nor what else was appended since, so "resuming" could
 * not tell a killed run from a demo store and would mix two districts. Start again on an empty one.
 */
async function assertSeedable(store: EventStore): Promise<void> {
  if ((await store.headPosition()) === 0) return;
  throw new SeedStoreNotEmptyError(await countEvents(store));
}

/**
 * Generates Huancui district for a year and applies every command through executeCommand, in
 * recorded-time order, as actor synthetic-seed. Refusals are counted, not thrown: each is a
 * generator bug. Anything else (a store failure) stops the seed.
 */
export async function seedDistrict(o: SeedDistrictOptions): Promise<SeedReport> {
  const correlationId = seedCorrelationId(o);
  await assertSeedable(o.store);
  const items = seedItemsOf({
    scale: o.scale,
    year: o.year,
    seed: o.seed,
    inject: o.inject,
    plan: o.plan,
  });
  try {
    return await applySeed(o, correlationId, items);
  } finally {
    // Stops the generating thread when the seed ends early (a refusal it cannot count, a store failure).
    await items.return(undefined);
  }
}

async function applySeed(
  o: SeedDistrictOptions,
  correlationId: string,
  items: AsyncGenerator<SeedItem>,
): Promise<SeedReport> {
  const first = await items.next();
  if (first.done || first.value.kind !== 'generated') throw new Error('the seed generated nothing');
  const generated = first.value.summary;
  const generateMs = first.value.generateMs;
  o.onGenerated?.(generated);
  const clock = o.clock ?? simulatedClock();
  // Units and doctors without even a tip lookup (the cache below needs one per read, and on
  // EventStoreDB, which has no cheap tip, it reads the stream): they recur on every command.
  const facts = rememberingFacts(o.store);
  const ctx = {
    store: o.store,
    clock: clock.now,
    actor: SEED_ACTOR,
    correlationId,
    facts,
    catalog: o.catalog,
    states: new StreamStateCache(),
  };
  const report = {
    commands: 0,
    eventsAppended: 0,
    duplicates: 0,
    refused: 0,
    refusals: [] as Refusal[],
  };
  const catalog = o.catalog ?? ACTIONS_BY_TYPE;
  const execute = (item: SeedCommandItem) => {
    const action = catalog.get(item.type);
    if (item.validated && action) return executeValidated({ action, ...item.validated }, ctx);
    // Refused by validation, or a type this catalog does not take: the handler says why.
    return executeCommand(
      { ...item.validated?.request, type: item.type, commandId: item.commandId },
      ctx,
    );
  };
  const applyOne = async (item: SeedCommandItem) => {
    clock.set(item.recordedAt);
    if (ORG_TYPES.has(item.type)) facts.forget();
    try {
      if (item.invalid) throw new SeedInvalidCommand(item.invalid.code, item.invalid.message);
      const result = await execute(item);
      if (result.duplicate) report.duplicates += 1;
      else report.eventsAppended += result.events.length;
    } catch (error) {
      const known =
        error instanceof DomainRuleError ||
        error instanceof CommandValidationError ||
        error instanceof SeedInvalidCommand;
      if (!known) throw error;
      report.refused += 1;
      if (report.refusals.length < REFUSALS_KEPT) {
        report.refusals.push({
          commandId: item.commandId,
          type: item.type,
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
  };
  const started = performance.now();
  let exhausted = false;
  while (!exhausted) {
    // The import's path: commands decided one by one, committed a batch at a time.
    await inBatch(o.store, async () => {
      for (let n = 0; n < SEED_BATCH; n += 1) {
        const next = await items.next();
        if (next.done) {
          exhausted = true;
          return;
        }
        if (next.value.kind === 'command') await applyOne(next.value);
      }
    });
  }
  const applyMs = performance.now() - started;
  return {
    ...report,
    generateMs,
    applyMs,
    eventsPerSecond: report.eventsAppended / Math.max(applyMs / 1000, 1e-3),
  };
}
