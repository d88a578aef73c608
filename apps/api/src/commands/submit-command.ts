import { Command } from '@nestjs/cqrs';
import type { Principal } from '@libs/access';
import type { CommandResult } from '@libs/records';

/**
 * A command as an HTTP caller sent it, to run through the one command handler as the key's
 * owner. Every HTTP write goes through the CommandBus with this (commands and samples alike).
 */
export class SubmitCommand extends Command<CommandResult> {
  constructor(
    /** The parsed JSON body; validated by the handler, never trusted here. */
    readonly body: unknown,
    readonly principal: Principal,
  ) {
    super();
  }
}
