import type { Decider } from '@libs/ledger';
import type { CommandRequest } from './command-request';
import type { DecisionContext, FactLookup, Facts } from './facts';

export interface DomainEvent {
  type: string;
  data: { occurredAt: string };
}

export type Decision<R> = R & DecisionContext;

/** One business action: its request, the stream it writes, its rules, and the facts it needs. */
export interface Action<
  R extends CommandRequest = CommandRequest,
  E extends DomainEvent = DomainEvent,
  S = unknown,
> {
  type: string;
  summary: { zh: string; en: string };
  request: new () => R;
  stream(request: R): string;
  decider: Decider<Decision<R>, E, S>;
  facts?(request: R, lookup: FactLookup): Promise<Facts>;
  /**
   * The units whose scope the command acts in, for access control: [] means "above every
   * unit" (only unscoped actors), null means "nothing to check yet" (the rule will refuse).
   */
  unitsTouched(request: R, state: S): string[] | null;
  /**
   * Commands this one's events call for on other streams (a delivery registers each live-born
   * child), run right after it by the same sender. Each is named by a commandId derived from this
   * one's, so a repeat of this command runs them again and finds them done: a crash between the
   * two is healed by re-sending. `state` is the stream's state this command was decided on (or,
   * for a repeat, the state now), `events` what it appended.
   */
  followUps?(request: R, state: S, events: readonly { type: string; data: unknown }[]): unknown[];
  /**
   * The command acts on the personal-data vault whatever its fields (an erasure): refused where
   * no vault is wired in, so its event is never appended without the vault doing its part.
   */
  usesVault?: boolean;
}

/** Erases the generic types so actions of different shapes can sit in one catalog. */
export const action = <R extends CommandRequest, E extends DomainEvent, S>(
  a: Action<R, E, S>,
): Action => a as unknown as Action;
