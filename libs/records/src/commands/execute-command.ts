import {
  type Clock,
  type EventStore,
  type RecordedEvent,
  StoreContentionError,
  WrongExpectedRevisionError,
  assertSameCommand,
} from '@libs/ledger';
import type { Action } from './action';
import type { CommandRequest } from './command-request';
import { commandFingerprint } from './command-fingerprint';
import type { FactLookup } from './facts';
import { type ParsedCommand, parseCommand } from './parse-command';
import { storeFactLookup } from './store-fact-lookup';
import { type Evolver, type StreamStateCache, readStreamState } from './stream-state-cache';
import { RuleRefusal, refuse } from '../rules/rule-error';
import type { ResidentState } from '../streams/resident-state';
import type { IdentityVault } from '../personal-data/identity-vault';
import type { Identity } from '../personal-data/identity';

export interface ExecuteContext {
  store: EventStore;
  clock: Clock;
  /** From the authenticated credential or the operator, never from the payload. */
  actor: string;
  correlationId?: string;
  facts?: FactLookup;
  /** Access control: throws when the actor may not run this command in these units. */
  authorize?: (action: Action, units: string[] | null) => Promise<void>;
  /**
   * A check that needs more than the stream (e.g. a sealed period): called after authorize,
   * before deciding; throws to refuse. `now` is ledger time.
   */
  guard?: (action: Action, request: CommandRequest, state: unknown, now: string) => Promise<void>;
  /** Which commands this path accepts; the public catalog by default. */
  catalog?: ReadonlyMap<string, Action>;
  /** How long to keep re-deciding while other writers win the stream; RETRY_DEADLINE_MS. */
  retryDeadlineMs?: number;
  /**
   * Migrations only: the source system's recording time of this command, kept on its events
   * beside the ledger's own recordedAt (never instead of it).
   */
  sourceRecordedAt?: string;
  /**
   * Folded states kept between commands (one per store, for the life of the process or run);
   * without it every command reads its stream whole.
   */
  states?: StreamStateCache;
  /**
   * The personal-data vault (docs/decisions/0021). Without it a command carrying `identity` is
   * refused: personal data is never dropped silently, nor written anywhere else.
   */
  vault?: IdentityVault;
}

export interface CommandResult {
  commandId: string;
  type: string;
  streamId: string;
  /** True when this commandId was executed before: nothing new was appended. */
  duplicate: boolean;
  events: Pick<RecordedEvent, 'eventId' | 'type' | 'revision' | 'position' | 'hash'>[];
  /** The commands this one called for (a delivery's children registered), with their results. */
  followUps?: CommandResult[];
}

/**
 * How long a command without an expectedRevision keeps re-deciding while other writers win the
 * race for its stream. The race is not the sender's conflict, so it must not surface as a 409;
 * only a stream that stays contended this long gives up, as a retryable 503.
 */
const RETRY_DEADLINE_MS = 10_000;

/**
 * The one command handler: load the stream, fold, decide, append with the expected revision.
 * A concurrent writer makes the append fail; then the decision is taken again on fresh state,
 * unless the sender pinned an expectedRevision, in which case the conflict is theirs to see.
 */
export async function executeCommand(raw: unknown, ctx: ExecuteContext): Promise<CommandResult> {
  return executeValidated(parseCommand(raw, ctx.catalog), ctx);
}

/** A command already validated by parseCommand (a bulk load validates on another thread). */
export interface ValidatedCommand extends ParsedCommand {
  /** commandFingerprint(request), when the validating side computed it already. */
  fingerprint?: string;
}

/** executeCommand after its validation step; the same rules from there on. */
export async function executeValidated(
  command: ValidatedCommand,
  ctx: ExecuteContext,
): Promise<CommandResult> {
  const { action, request } = command;
  const streamId = action.stream(request);
  const lookup = ctx.facts ?? storeFactLookup(ctx.store, ctx.states);
  const identity = (request as { identity?: Identity }).identity;
  if ((identity || action.usesVault) && !ctx.vault)
    refuse(
      'PERSONAL_DATA_VAULT_UNAVAILABLE',
      'unprocessable',
      '此入口未配置个人信息库，不能接收个人信息（identity）',
      'this entry point has no personal-data vault and cannot take identity',
      { field: 'identity' },
    );
  // The fingerprint is kept in the log: over a keyed digest of the identity, never over the
  // identity itself (an unkeyed hash of a name and ID number could be confirmed by guessing).
  const fingerprint =
    identity && ctx.vault
      ? commandFingerprint({ ...request, identity: ctx.vault.digest(identity) } as CommandRequest)
      : (command.fingerprint ?? commandFingerprint(request));
  const idNumberHash =
    identity?.idNumber !== undefined ? ctx.vault?.matchKey(identity.idNumber) : undefined;
  const deadline = Date.now() + (ctx.retryDeadlineMs ?? RETRY_DEADLINE_MS);
  const result = (duplicate: boolean, events: RecordedEvent[]): CommandResult => ({
    commandId: request.commandId,
    type: request.type,
    streamId,
    duplicate,
    events: events.map(({ eventId, type, revision, position, hash }) => ({
      eventId,
      type,
      revision,
      position,
      hash,
    })),
  });

  for (let attempt = 0; ; attempt += 1) {
    // The repeat check is asked alongside the stream's tip: on a networked store the two
    // round trips overlap instead of adding up.
    const indexed = ctx.states ? commandEvents(ctx.store, request.commandId) : undefined;
    indexed?.catch(() => undefined);
    const loaded = ctx.states
      ? await ctx.states.load(ctx.store, streamId, action.decider as Evolver)
      : await readStreamState(ctx.store, streamId, action.decider as Evolver);
    const state = loaded.state;
    await ctx.authorize?.(action, action.unitsTouched(request, state as never));
    const earlier = loaded.history
      ? loaded.history.filter((e) => e.commandId === request.commandId)
      : await (indexed ?? commandEvents(ctx.store, request.commandId));
    if (earlier.length > 0) {
      // Same id, other content (or another stream): refused, naming nothing of the first command.
      assertSameCommand(
        streamId,
        { commandId: request.commandId, commandFingerprint: fingerprint },
        earlier,
      );
      // A repeat completes a vault write that failed after its first append.
      if (ctx.vault) applyToVault(ctx.vault, identity, earlier);
      return withFollowUps(command, state, earlier, result(true, earlier), ctx);
    }
    // After the repeat check: re-running an accepted command still answers with its first result.
    await ctx.guard?.(action, request, state, ctx.clock().toISOString());
    const revision = loaded.revision;
    if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamId, request.expectedRevision, revision);
    }
    const facts = {
      ...(action.facts ? await action.facts(request, lookup) : {}),
      ...(idNumberHash
        ? { idNumberHash, sameIdNumber: await holders(ctx, idNumberHash, request, lookup) }
        : {}),
    };
    const decided = action.decider.decide(
      {
        ...request,
        now: ctx.clock().toISOString(),
        facts,
        ...(ctx.sourceRecordedAt !== undefined ? { migrated: true as const } : {}),
      },
      state as never,
    );
    if (decided.length === 0) return result(false, []);
    try {
      const appended = await ctx.store.append(
        streamId,
        decided.map((e) => ({
          type: e.type,
          data: e.data as unknown as Record<string, unknown>,
          occurredAt: e.data.occurredAt,
        })),
        {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
          actor: ctx.actor,
          commandId: request.commandId,
          commandFingerprint: fingerprint,
          ...(ctx.sourceRecordedAt !== undefined ? { sourceRecordedAt: ctx.sourceRecordedAt } : {}),
          correlationId: ctx.correlationId ?? request.commandId,
        },
      );
      if (!appended.duplicate) {
        ctx.states?.advance(streamId, state, appended.events, action.decider as Evolver);
      }
      // The vault is written after the append, so a refused command (or a lost race) leaves no
      // vault row; an append whose vault write then fails is completed by resending the command.
      if (ctx.vault) applyToVault(ctx.vault, identity, appended.events);
      return withFollowUps(
        command,
        state,
        appended.events,
        result(appended.duplicate, appended.events),
        ctx,
      );
    } catch (error) {
      const race =
        error instanceof WrongExpectedRevisionError && request.expectedRevision === undefined;
      if (!race) throw error;
      if (Date.now() >= deadline) throw new StoreContentionError(streamId, attempt + 1);
      // Jittered backoff, so writers racing for one stream stop colliding in lockstep.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
      );
    }
  }
}

/**
 * Runs the follow-up commands an action's events call for (Action.followUps), each through the
 * whole path (validation, access, rules). One already done by its sender first (a child already
 * registered) is no error: the follow-up only does what nobody did.
 */
async function withFollowUps(
  command: ValidatedCommand,
  state: unknown,
  events: readonly RecordedEvent[],
  first: CommandResult,
  ctx: ExecuteContext,
): Promise<CommandResult> {
  const raws = command.action.followUps?.(command.request, state as never, events) ?? [];
  if (raws.length === 0) return first;
  const followUps: CommandResult[] = [];
  for (const raw of raws) {
    try {
      followUps.push(await executeCommand(raw, ctx));
    } catch (error) {
      if (error instanceof RuleRefusal && ALREADY_DONE.has(error.code)) continue;
      throw error;
    }
  }
  return { ...first, followUps };
}

/** The other residents holding an ID-number hash, each with its folded stream. */
async function holders(
  ctx: ExecuteContext,
  idNumberHash: string,
  request: CommandRequest,
  lookup: FactLookup,
): Promise<Record<string, ResidentState>> {
  const self = (request as { residentId?: string }).residentId;
  const found: Record<string, ResidentState> = {};
  for (const residentId of ctx.vault!.holdersOf(idNumberHash))
    if (residentId !== self && lookup.resident)
      found[residentId] = await lookup.resident(residentId);
  return found;
}

/**
 * What the appended (or, for a repeat, the earlier) events ask of the vault: the identity of the
 * event that notes personal data, as of that event's position; an erasure deletes the key.
 */
function applyToVault(
  vault: IdentityVault,
  identity: Identity | undefined,
  events: readonly RecordedEvent[],
): void {
  for (const e of events) {
    const residentId = (e.data as { residentId?: string }).residentId;
    if (!residentId) continue;
    if (e.type === 'ResidentIdentityErased') vault.erase(residentId, e.recordedAt);
    else if (identity && (e.data as { personalData?: unknown }).personalData)
      vault.record(residentId, { ...identity }, e.position);
  }
}

/** Refusals that mean a follow-up's work was done by its sender's own command. */
const ALREADY_DONE = new Set(['RESIDENT_ALREADY_REGISTERED']);

/** The events a commandId produced anywhere in the log, where the store keeps an index. */
async function commandEvents(store: EventStore, commandId: string): Promise<RecordedEvent[]> {
  return store.eventsOfCommand ? store.eventsOfCommand(commandId) : [];
}
