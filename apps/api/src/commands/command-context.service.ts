import { Inject, Injectable } from '@nestjs/common';
import { type Principal, commandAuthorizer } from '@libs/access';
import { ledgerCommandContext } from '@libs/commands';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import {
  type ExecuteContext,
  type IdentityVault,
  StreamStateCache,
  storeFactLookup,
} from '@libs/records';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { IDENTITY_VAULT } from '../store/event-store.module';

/**
 * What every HTTP write runs with, built once for the process: the folded stream states, the
 * fact lookup, the catalog (audit and fund actions included) and the period lock. A single
 * command and an uploaded sheet's rows go through executeCommand with the same context, so a
 * row is decided exactly as the same command posted alone.
 */
@Injectable()
export class CommandContext {
  /** Folded stream states kept between requests: a long stream costs no more than a short one. */
  private readonly states = new StreamStateCache();
  private readonly facts: ReturnType<typeof storeFactLookup>;
  private readonly context: ReturnType<typeof ledgerCommandContext>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    projection: LedgerProjection,
    @Inject(IDENTITY_VAULT) private readonly vault: IdentityVault,
  ) {
    this.facts = storeFactLookup(store, this.states);
    // DrawSample reads its population from the live model, caught up when it asks.
    const model = () => projection.fullModel();
    this.context = ledgerCommandContext({
      store,
      clock: systemClock,
      model,
      states: this.states,
      fundBook: () => projection.caughtUpFunds(),
    });
  }

  /** The context for one caller: the key's owner is the actor, its roles and scope are checked. */
  for(principal: Principal): ExecuteContext {
    return {
      store: this.store,
      clock: systemClock,
      actor: principal.actorId,
      authorize: commandAuthorizer(principal, this.facts, systemClock),
      states: this.states,
      vault: this.vault,
      ...this.context,
    };
  }
}
