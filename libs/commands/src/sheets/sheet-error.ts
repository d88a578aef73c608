import { LedgerError } from '@libs/ledger';

/**
 * A sheet (or its mapping) that cannot be read at all: no row of it is tried. Said in Chinese
 * and English with the same facts, because a clerk at the counter reads one and the engineer
 * beside them the other; the code is what a client matches on.
 */
export class SheetError extends LedgerError {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageZh: string,
  ) {
    super(messageEn);
  }
}
