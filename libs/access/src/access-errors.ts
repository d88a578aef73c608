import { LedgerError } from '@libs/ledger';

/** 401: no credential, or one the ledger does not accept. */
export class UnauthenticatedError extends LedgerError {
  readonly code = 'UNAUTHENTICATED';
  constructor(
    readonly reasonEn: string,
    readonly reasonZh: string,
  ) {
    super(reasonEn);
  }
}

/**
 * 403: authenticated, but the role or the unit scope does not allow it, or (grant) the actor
 * tried to hand out a role or scope it does not hold itself; says which.
 */
export class ForbiddenError extends LedgerError {
  readonly code = 'FORBIDDEN';
  constructor(
    readonly why: 'role' | 'scope' | 'grant',
    readonly messageEn: string,
    readonly messageZh: string,
    readonly details: Record<string, unknown>,
  ) {
    super(messageEn);
  }
}
