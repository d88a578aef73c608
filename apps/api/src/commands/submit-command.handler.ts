import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandAuthorizer } from '@libs/access';
import { ledgerCommandContext } from '@libs/commands';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import {
  type CommandResult,
  type IdentityVault,
  StreamStateCache,
  executeCommand,
  storeFactLookup,
} from '@libs/records';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { IDENTITY_VAULT } from '../store/event-store.module';
import { SubmitCommand } from './submit-command';

/**
 * The CommandBus's handler for every HTTP write: strips a claimed actor, then executeCommand
 * with the caller's scope, the audit and fund actions and the period lock. The folded stream
 * states, the fact lookup and the command context live here once for the process.
 */
@CommandHandler(SubmitCommand)
export class SubmitCommandHandler implements ICommandHandler<SubmitCommand> {
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

  async execute({ body, principal }: SubmitCommand): Promise<CommandResult> {
    // The actor is the key's owner: an `actor` claimed in the body is dropped, never believed.
    // Anything but an object goes on as it came, to be refused as "not a JSON object".
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const { actor: _claimed, ...fields } = isObject ? (body as Record<string, unknown>) : {};
    return executeCommand(isObject ? fields : (body ?? {}), {
      store: this.store,
      clock: systemClock,
      actor: principal.actorId,
      authorize: commandAuthorizer(principal, this.facts, systemClock),
      states: this.states,
      vault: this.vault,
      ...this.context,
    });
  }
}
