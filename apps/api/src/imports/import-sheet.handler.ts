import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ImportItem, type RowOutcome, executeRows } from '@libs/commands/sheets';
import { CommandContext } from '../commands/command-context.service';
import { ImportSheet } from './import-sheet';

/**
 * Every row through executeCommand with the caller's context, the same one a single posted
 * command gets (roles, unit scope, period lock), each row atomic and refused on its own.
 */
@CommandHandler(ImportSheet)
export class ImportSheetHandler implements ICommandHandler<ImportSheet> {
  constructor(private readonly context: CommandContext) {}

  execute({ sheet, principal }: ImportSheet): Promise<RowOutcome[]> {
    return executeRows(sheet.items.map(withoutClaimedActor), this.context.for(principal));
  }
}

/** The actor is the key's owner: a column mapped to `actor` is dropped, never believed. */
function withoutClaimedActor(item: ImportItem): ImportItem {
  const command = item.command as Record<string, unknown> | undefined;
  if (!command || !('actor' in command)) return item;
  const { actor: _claimed, ...fields } = command;
  return { ...item, command: fields };
}
