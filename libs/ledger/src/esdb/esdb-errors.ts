import { StoreUnavailableError } from '../errors';

/**
 * The client's "the server did not answer" kinds (its ErrorType values). A cancelled call is one
 * the channel gave up on (a node going away), never one the adapter cancelled while waiting.
 */
const UNANSWERED = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'not-leader',
  'cancelled',
]);

/** gRPC status codes for the same, when an error reaches us unconverted. */
const UNANSWERED_GRPC = new Set([1, 4, 14]);

/** Maps the client's no-answer errors to the ledger's one retryable kind; others pass through. */
export function asStoreError(error: unknown, hosts: string): unknown {
  const e = error as { type?: unknown; code?: unknown; message?: string } | null;
  const kind =
    typeof e?.type === 'string' && UNANSWERED.has(e.type)
      ? e.type
      : typeof e?.code === 'number' && UNANSWERED_GRPC.has(e.code)
        ? 'unavailable'
        : null;
  if (!kind) return error;
  // gRPC ends some messages with an empty "Resolution note:"; it says nothing to an operator.
  const detail = (e?.message ?? '').replace(/\s*Resolution note:\s*$/, '') || 'no detail';
  return new StoreUnavailableError(
    `EventStoreDB at ${hosts} did not answer (${kind}): ${detail}`,
    kind,
  );
}
