import { Command } from '@nestjs/cqrs';
import type { Principal } from '@libs/access';
import type { ReadSheet, RowOutcome } from '@libs/commands/sheets';

/** An uploaded sheet's rows, already read into commands, to run as the key's owner. */
export class ImportSheet extends Command<RowOutcome[]> {
  constructor(
    readonly sheet: ReadSheet,
    readonly principal: Principal,
  ) {
    super();
  }
}
