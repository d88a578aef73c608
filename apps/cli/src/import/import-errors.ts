import { LedgerError } from '@libs/ledger';

/** The import cannot go on (missing file, unreadable header, store failure): exit 2, one line. */
export class ImportFatalError extends LedgerError {
  readonly code = 'IMPORT_FAILED';
  /** Where the cause said it in Chinese too (a refused key, a sheet's header): printed by default. */
  constructor(
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}
