/** Base of every error the ledger names; `code` is stable, messages are for people. */
export abstract class LedgerError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another writer appended first: reload the stream and decide again. */
export class WrongExpectedRevisionError extends LedgerError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevisionLike,
    readonly actual: number,
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)} but the stream is at ${actual === -1 ? 'no stream' : actual}`,
    );
  }
}

type ExpectedRevisionLike = number | string;

/** An eventId used before for a different event; ids are unique across the whole log. */
export class DuplicateEventIdError extends LedgerError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already in the log`);
  }
}

/** The store location in configuration cannot be used. */
export class StoreConfigError extends LedgerError {
  readonly code = 'STORE_CONFIG';
}

/** Events handed to append are not acceptable (empty type, unserialisable data, …). */
export class InvalidEventError extends LedgerError {
  readonly code = 'INVALID_EVENT';
}

/**
 * A business rule said no. Rules speak to people in Chinese and English; the code is what
 * clients and tests match on.
 */
export class DomainRuleError extends LedgerError {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageEn} / ${messageZh}`);
  }
}

/**
 * A commandId names one command forever. Sent again with other content (or for another stream),
 * it is refused: answering "duplicate" would silently drop the new record and hand the caller
 * the first command's result, which may be another unit's. The message names the id only.
 */
export class CommandIdReusedError extends DomainRuleError {
  constructor(readonly commandId: string) {
    super(
      'COMMAND_ID_REUSED',
      `命令编号 ${commandId} 已用于另一条内容不同的命令；每条命令须使用新的编号，本次未写入任何内容`,
      `commandId ${commandId} was already used for a different command; each command needs its own id, nothing was appended`,
      { commandId },
    );
  }
}

/**
 * Other writers kept winning the race for the same stream until the deadline passed. Not the
 * sender's conflict (they pinned no revision), so it is a retryable "busy", never a 409.
 */
export class StoreContentionError extends LedgerError {
  readonly code = 'STORE_CONTENDED';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} stayed contended for ${attempts} attempts; retry later`);
  }
}

/**
 * The store did not answer (unreachable, refusing, no leader, a deadline passed). Not the
 * sender's fault and no bug: retry later. At start-up it stops the process with this message.
 */
export class StoreUnavailableError extends LedgerError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    message: string,
    /** The store's own error kind, for operators (e.g. "unavailable", "not-leader"). */
    readonly storeCode: string,
  ) {
    super(message);
  }
}
