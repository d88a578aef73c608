import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, executeCommand } from '@libs/records';
import { CommandContext } from './command-context.service';
import { SubmitCommand } from './submit-command';

/**
 * The CommandBus's handler for every HTTP write: strips a claimed actor, then executeCommand
 * with the caller's scope, the audit and fund actions and the period lock (CommandContext).
 */
@CommandHandler(SubmitCommand)
export class SubmitCommandHandler implements ICommandHandler<SubmitCommand> {
  constructor(private readonly context: CommandContext) {}

  async execute({ body, principal }: SubmitCommand): Promise<CommandResult> {
    // The actor is the key's owner: an `actor` claimed in the body is dropped, never believed.
    // Anything but an object goes on as it came, to be refused as "not a JSON object".
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const { actor: _claimed, ...fields } = isObject ? (body as Record<string, unknown>) : {};
    return executeCommand(isObject ? fields : (body ?? {}), this.context.for(principal));
  }
}
